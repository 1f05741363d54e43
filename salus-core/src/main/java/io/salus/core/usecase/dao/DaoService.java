package io.salus.core.usecase.dao;

import io.salus.core.account.Account;
import io.salus.core.account.AccountKind;
import io.salus.core.anchor.TxRef;
import io.salus.core.dao.Dao;
import io.salus.core.dao.DaoCharter;
import io.salus.core.dao.DaoTerms;
import io.salus.core.dao.PolicyChange;
import io.salus.core.dao.Proposal;
import io.salus.core.dao.ProposalState;
import io.salus.core.dao.Support;
import io.salus.core.dao.Tally;
import io.salus.core.error.ErrorCode;
import io.salus.core.error.Result;
import io.salus.core.merkle.Hash32;
import io.salus.core.port.AccountStore;
import io.salus.core.port.DaoLedger;
import io.salus.core.port.DaoStore;
import io.salus.core.port.KeyManager;
import io.salus.core.port.KeyPurpose;
import io.salus.core.usecase.deal.DealAccess;
import io.salus.core.zk.AttributeProof;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.function.BiFunction;

/**
 * Patient data DAOs: the operator founds one; patients join (by a zero-knowledge proof they made themselves, relayed
 * by the node, or by their verified account's credential subject, salted per DAO); members propose changes of the
 * DAO's marketplace policy or treasury grants and vote quadratically with their own (custodied) keys; anyone queues and
 * executes a passed proposal. The chain decides every rule; the node keeps which DAOs it founded and the actions of the
 * proposals made through it. Thread-safe.
 */
public final class DaoService {
    private final DaoStore store;
    private final DaoLedger ledger;
    private final AccountStore accounts;
    private final KeyManager keys;
    private final Clock clock;

    public DaoService(DaoStore store, DaoLedger ledger, AccountStore accounts, KeyManager keys, Clock clock) {
        this.store = store;
        this.ledger = ledger;
        this.accounts = accounts;
        this.keys = keys;
        this.clock = clock;
    }

    /** A DAO as members and consumers see it: its terms now, its members and its treasury's balance. */
    public record DaoView(Dao dao, DaoTerms terms, long members, long treasury) {
    }

    /** A proposal with its state and votes so far. */
    public record ProposalView(Proposal proposal, ProposalState state, Tally tally) {
    }

    /** Founds a DAO (the operator only). */
    public Result<Dao> found(Account actor, DaoCharter charter) {
        if (actor.kind() != AccountKind.OPERATOR) {
            return Result.fail(ErrorCode.FORBIDDEN, "only the operator founds a DAO");
        }
        if (charter.name().isBlank() || charter.name().length() > 100) {
            return Result.fail(ErrorCode.DAO_INVALID_TERMS, "name: 1 to 100 characters");
        }
        return ledger.found(charter).map(c -> {
            Dao dao = new Dao(UUID.nameUUIDFromBytes(c.membership().hex().getBytes(StandardCharsets.US_ASCII)),
                    charter.name(), c, charter.scope(), clock.instant());
            store.save(dao);
            return dao;
        });
    }

    public List<DaoView> all() {
        return store.all().stream().map(this::view).toList();
    }

    public Result<DaoView> find(UUID id) {
        return dao(id).map(this::view);
    }

    /** Joins a patient by its verified account (credential DAOs): one membership per credential subject. */
    public Result<TxRef> joinByCredential(Account patient, UUID id) {
        if (patient.kind() != AccountKind.PATIENT) {
            return Result.fail(ErrorCode.FORBIDDEN, "only patients join a patient data DAO");
        }
        return dao(id).flatMap(d -> ledger.joinBySubject(d.contracts(), patient.address(), subjectKey(d, patient)));
    }

    /** Relays a patient's proof of eligibility (proof DAOs): the proof names the recipient and the DAO's scope. */
    public Result<TxRef> joinByProof(UUID id, AttributeProof proof) {
        return dao(id).flatMap(d -> {
            if (d.scope().isEmpty() || !d.scope().get().equals(proof.signals().scope())) {
                return Result.fail(ErrorCode.DAO_WRONG_ADMISSION_PATH, "the proof is not for this DAO's scope");
            }
            return ledger.joinByProof(d.contracts(), proof);
        });
    }

    public Result<Proposal> propose(Account member, UUID id, List<PolicyChange> changes, String description) {
        if (description.isBlank() || description.length() > 2_000) {
            return Result.fail(ErrorCode.INVALID_REQUEST, "description: 1 to 2,000 characters");
        }
        return dao(id).flatMap(d -> DealAccess.withSigningKey(accounts, keys, member,
                key -> ledger.propose(d.contracts(), key, changes, description)).map(p -> {
                    store.saveProposal(id, p);
                    return p;
                }));
    }

    public Result<TxRef> vote(Account member, UUID id, BigInteger proposal, Support support, long votes) {
        return dao(id).flatMap(d -> DealAccess.withSigningKey(accounts, keys, member,
                key -> ledger.vote(d.contracts(), key, proposal, support, votes)));
    }

    public Result<List<ProposalView>> proposals(UUID id) {
        return dao(id).map(d -> store.proposals(id).stream().map(p -> new ProposalView(p,
                ledger.state(d.contracts(), p.id()), ledger.tally(d.contracts(), p.id()))).toList());
    }

    /** Whether the account holds a membership of the DAO (at its own address). */
    public Result<Boolean> isMember(UUID id, Account account) {
        return dao(id).map(d -> ledger.isMember(d.contracts(), account.address()));
    }

    /** The member's voting credits left in the period of the proposal's snapshot (v votes cost v²). */
    public Result<Long> creditsLeft(UUID id, BigInteger proposal, Account member) {
        return dao(id).map(d -> ledger.creditsLeft(d.contracts(), proposal, member.address()));
    }

    /**
     * The deals the DAO approved by name (beyond its allowed consumer types and purposes): those approved by
     * proposals executed through this node, in their order, less those withdrawn by a later executed proposal.
     */
    public Result<List<Hash32>> approvedDeals(UUID id) {
        return proposals(id).map(ps -> {
            Set<Hash32> approved = new LinkedHashSet<>();
            ps.stream().filter(p -> p.state() == ProposalState.EXECUTED).flatMap(p -> p.proposal().changes()
                    .stream()).forEach(c -> {
                        if (c instanceof PolicyChange.ApproveDeal a) {
                            if (a.approved()) {
                                approved.add(a.dealId());
                            } else {
                                approved.remove(a.dealId());
                            }
                        }
                    });
            return List.copyOf(approved);
        });
    }

    /** Queues a passed proposal in the DAO's timelock (anyone may). */
    public Result<TxRef> queue(UUID id, BigInteger proposal) {
        return withProposal(id, proposal, (d, p) -> ledger.queue(d.contracts(), p));
    }

    /** Executes a queued proposal whose delay has passed (anyone may). */
    public Result<TxRef> execute(UUID id, BigInteger proposal) {
        return withProposal(id, proposal, (d, p) -> ledger.execute(d.contracts(), p));
    }

    private Result<TxRef> withProposal(UUID id, BigInteger proposal,
            BiFunction<Dao, Proposal, Result<TxRef>> step) {
        return dao(id).flatMap(d -> store.proposal(id, proposal).<Result<TxRef>>map(p -> step.apply(d, p))
                .orElseGet(() -> Result.fail(ErrorCode.NOT_FOUND, "no proposal " + proposal + " in DAO " + id)));
    }

    private DaoView view(Dao d) {
        return new DaoView(d, ledger.terms(d.contracts()), ledger.memberCount(d.contracts()),
                ledger.treasuryBalance(d.contracts()));
    }

    private Result<Dao> dao(UUID id) {
        Optional<Dao> d = store.find(id);
        return d.<Result<Dao>>map(Result::ok).orElseGet(() -> Result.fail(ErrorCode.DAO_NOT_FOUND, "no DAO " + id));
    }

    /** The credential subject (the account's DID), keyed by the node and salted per DAO: unlinkable across DAOs. */
    private Hash32 subjectKey(Dao d, Account patient) {
        return keys.keyedHash(KeyPurpose.BLIND_INDEX, ("dao-member|" + d.id() + "|" + patient.did())
                .getBytes(StandardCharsets.UTF_8));
    }
}
