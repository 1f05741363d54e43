package io.salus.core.port;

import io.salus.core.account.EvmAddress;
import io.salus.core.anchor.TxRef;
import io.salus.core.dao.DaoCharter;
import io.salus.core.dao.DaoContracts;
import io.salus.core.dao.DaoTerms;
import io.salus.core.dao.DealCandidate;
import io.salus.core.dao.PolicyChange;
import io.salus.core.dao.Proposal;
import io.salus.core.dao.ProposalState;
import io.salus.core.dao.Support;
import io.salus.core.dao.Tally;
import io.salus.core.error.Result;
import io.salus.core.merkle.Hash32;
import io.salus.core.zk.AttributeProof;
import java.math.BigInteger;
import java.util.List;

/**
 * Patient data DAOs on chain: a soulbound membership (one per person), a policy the DAO governs, a governor counting
 * votes quadratically and a timelock that executes and holds the treasury. Members act with their own keys
 * ({@code memberKey}: a 32-byte secp256k1 private key); admission and founding are sent by the node. A refusal by a
 * contract is the {@code DAO_*} (or {@code ZK_*}) failure of its custom error, found by simulating before sending.
 * Thread-safe.
 */
public interface DaoLedger {

    /**
     * Deploys a DAO's four contracts, hands the timelock to the governor and registers the timelock as a DAO treasury
     * in the deal contract (so payouts of its members may send their treasury part there). {@code DAO_INVALID_TERMS}.
     */
    Result<DaoContracts> found(DaoCharter charter);

    /** Whether the deal contract has the DAO's treasury registered (payouts may name it). */
    boolean treasuryRegistered(DaoContracts dao);

    /**
     * Admits the proof's recipient through the gate and mints its membership (proof DAOs): {@code ZK_*} failures of
     * the gate, {@code DAO_ALREADY_MEMBER}, {@code DAO_WRONG_ADMISSION_PATH}.
     */
    Result<TxRef> joinByProof(DaoContracts dao, AttributeProof proof);

    /** Mints for a verified credential subject's salted key (credential DAOs): {@code DAO_ALREADY_MEMBER}, … */
    Result<TxRef> joinBySubject(DaoContracts dao, EvmAddress member, Hash32 subjectKey);

    boolean isMember(DaoContracts dao, EvmAddress account);

    long memberCount(DaoContracts dao);

    /** Tries to move a membership token from its holder: always refused ({@code DAO_MEMBERSHIP_SOULBOUND}). */
    Result<TxRef> transferMembership(DaoContracts dao, byte[] holderKey, EvmAddress to);

    DaoTerms terms(DaoContracts dao);

    /** Whether the DAO's policy, as it stands now, lets this deal match its members. */
    boolean admits(DaoContracts dao, DealCandidate deal);

    /**
     * A member proposes changes: {@code DAO_NOT_MEMBER}, {@code DAO_PROPOSAL_OUTSIDE_POLICY}. The proposal's id is
     * the hash of its actions and description, so proposing the same again returns it without sending anything.
     */
    Result<Proposal> propose(DaoContracts dao, byte[] memberKey, List<PolicyChange> changes, String description);

    /**
     * A member casts {@code votes} votes (cost votes²): {@code DAO_CREDITS_EXCEEDED}, {@code DAO_NOT_MEMBER},
     * {@code DAO_ALREADY_VOTED}, {@code DAO_PROPOSAL_WRONG_STATE}.
     */
    Result<TxRef> vote(DaoContracts dao, byte[] memberKey, BigInteger proposalId, Support support, long votes);

    ProposalState state(DaoContracts dao, BigInteger proposalId);

    Tally tally(DaoContracts dao, BigInteger proposalId);

    /** The credits a member has left in the period of the proposal's snapshot. */
    long creditsLeft(DaoContracts dao, BigInteger proposalId, EvmAddress member);

    /** Queues a passed proposal in the timelock (anyone may): {@code DAO_PROPOSAL_WRONG_STATE}. */
    Result<TxRef> queue(DaoContracts dao, Proposal proposal);

    /** Executes a queued proposal once its delay has passed (anyone may): {@code DAO_PROPOSAL_WRONG_STATE}. */
    Result<TxRef> execute(DaoContracts dao, Proposal proposal);

    /** The treasury's balance in payment token units. */
    long treasuryBalance(DaoContracts dao);
}
