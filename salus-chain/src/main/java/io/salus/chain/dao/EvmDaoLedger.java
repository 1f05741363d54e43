package io.salus.chain.dao;

import io.salus.chain.DealAddresses;
import io.salus.chain.EvmLedger;
import io.salus.chain.dao.internal.DaoCalls;
import io.salus.chain.dao.internal.DaoReverts;
import io.salus.chain.deals.internal.DealCalls;
import io.salus.chain.internal.Abi;
import io.salus.chain.internal.ChainAccess;
import io.salus.chain.internal.TxSender;
import io.salus.chain.zk.internal.SimulatedWrites;
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
import io.salus.core.error.ErrorCode;
import io.salus.core.error.Result;
import io.salus.core.merkle.Hash32;
import io.salus.core.port.DaoLedger;
import io.salus.core.zk.AttributeProof;
import java.math.BigInteger;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.function.Consumer;
import java.util.function.Supplier;
import org.web3j.abi.TypeReference;
import org.web3j.abi.datatypes.Bool;
import org.web3j.abi.datatypes.generated.Uint128;
import org.web3j.abi.datatypes.generated.Uint16;
import org.web3j.abi.datatypes.generated.Uint256;
import org.web3j.abi.datatypes.generated.Uint32;
import org.web3j.abi.datatypes.generated.Uint64;
import org.web3j.abi.datatypes.generated.Uint8;
import org.web3j.crypto.Credentials;
import org.web3j.crypto.ECKeyPair;

/**
 * The {@link DaoLedger} on the EVM. The node's relayer founds DAOs ({@link DaoDeployment}) and admits members;
 * members propose and vote from their own accounts (given gas by {@code gasFunder} first). Every write is simulated
 * first, so a refusal costs no transaction and comes back as the code of its custom error ({@link DaoReverts}); a
 * joining proof goes to the gate with an explicit gas limit (its verifier fails closed when short). Thread-safe.
 */
public final class EvmDaoLedger implements DaoLedger {
    /** An admission through the gate (its {@code ADMIT_GAS}) plus minting the membership. */
    public static final BigInteger JOIN_GAS = BigInteger.valueOf(800_000);

    private final ChainAccess access;
    private final EvmAddress token;
    private final EvmAddress dataDeals;
    private final Supplier<Optional<EvmAddress>> gate;
    private final Consumer<EvmAddress> gasFunder;
    private final SimulatedWrites writes;
    private final ConcurrentMap<EvmAddress, TxSender> members = new ConcurrentHashMap<>();

    /**
     * @param deals the deal contracts: the payment token (grants from the treasury are in it) and DataDeals, where a
     *        founded DAO's treasury is registered (the relayer holds its DAO_REGISTRAR_ROLE as the matcher)
     * @param gate AttributeGate, for DAOs that admit by proof (empty: credential DAOs only); asked only when a proof
     *        DAO is founded, so a node may deploy the zero-knowledge contracts lazily
     */
    public EvmDaoLedger(EvmLedger ledger, DealAddresses deals, Supplier<Optional<EvmAddress>> gate,
            Consumer<EvmAddress> gasFunder) {
        this.access = ledger.access();
        this.token = deals.paymentToken();
        this.dataDeals = deals.dataDeals();
        this.gate = gate;
        this.gasFunder = gasFunder;
        this.writes = new SimulatedWrites(access.rpc(), DaoReverts.TABLE);
    }

    @Override
    public Result<DaoContracts> found(DaoCharter charter) {
        Result<DaoTerms> terms = charter.terms().validate();
        if (!terms.isOk()) {
            return terms.propagate();
        }
        if (!charter.governance().validate().isOk()) {
            return charter.governance().validate().propagate();
        }
        Optional<EvmAddress> g = charter.byProof() ? gate.get() : Optional.empty();
        if (charter.byProof() && g.isEmpty()) {
            return Result.fail(ErrorCode.DAO_WRONG_ADMISSION_PATH, "no AttributeGate is deployed: no proof DAO");
        }
        DaoContracts dao = DaoDeployment.deploy(access.sender(), charter, token, g);
        return transact(access.sender(), dataDeals, DealCalls.registerDaoTreasury(dao.treasury()), null).map(t -> dao);
    }

    @Override
    public boolean treasuryRegistered(DaoContracts dao) {
        return bool(view(dataDeals, DealCalls.isDaoTreasury(dao.treasury())));
    }

    @Override
    public Result<TxRef> joinByProof(DaoContracts dao, AttributeProof proof) {
        return transact(access.sender(), dao.membership(), DaoCalls.joinByProof(proof), JOIN_GAS);
    }

    @Override
    public Result<TxRef> joinBySubject(DaoContracts dao, EvmAddress member, Hash32 subjectKey) {
        return transact(access.sender(), dao.membership(), DaoCalls.joinBySubject(member, subjectKey), null);
    }

    @Override
    public boolean isMember(DaoContracts dao, EvmAddress account) {
        return bool(view(dao.membership(), DaoCalls.account("isMember", account)));
    }

    @Override
    public long memberCount(DaoContracts dao) {
        return uint(view(dao.membership(), DaoCalls.noArgs("totalMembers"))).longValueExact();
    }

    @Override
    public Result<TxRef> transferMembership(DaoContracts dao, byte[] holderKey, EvmAddress to) {
        TxSender holder = member(holderKey);
        EvmAddress from = new EvmAddress(holder.from());
        BigInteger tokenId = uint(view(dao.membership(), DaoCalls.account("tokenOf", from)));
        return transact(holder, dao.membership(), DaoCalls.transferFrom(from, to, tokenId), null);
    }

    @Override
    public DaoTerms terms(DaoContracts dao) {
        List<Object> t = Abi.decode(view(dao.policy(), DaoCalls.noArgs("current")), new TypeReference<Uint128>() {
        }, new TypeReference<Uint64>() {
        }, new TypeReference<Uint64>() {
        }, new TypeReference<Uint32>() {
        }, new TypeReference<Uint16>() {
        });
        return new DaoTerms(((BigInteger) t.get(0)).longValueExact(), ((BigInteger) t.get(1)).intValueExact(),
                ((BigInteger) t.get(2)).intValueExact(), ((BigInteger) t.get(3)).intValueExact(),
                ((BigInteger) t.get(4)).intValueExact());
    }

    @Override
    public boolean admits(DaoContracts dao, DealCandidate deal) {
        return bool(view(dao.policy(), DaoCalls.admits(deal)));
    }

    @Override
    public Result<Proposal> propose(DaoContracts dao, byte[] memberKey, List<PolicyChange> changes,
            String description) {
        if (changes.isEmpty()) {
            return Result.fail(ErrorCode.DAO_PROPOSAL_OUTSIDE_POLICY, "a proposal needs at least one change");
        }
        Proposal p = new Proposal(BigInteger.ZERO, changes, description);
        BigInteger id = uint(view(dao.governor(), DaoCalls.withHash("hashProposal", dao, token, p)));
        Proposal proposal = new Proposal(id, changes, description);
        if (uint(view(dao.governor(), DaoCalls.proposal("proposalSnapshot", id))).signum() != 0) {
            return Result.ok(proposal); // proposed already (a repeat after a lost reply): the same proposal
        }
        return transact(member(memberKey), dao.governor(), DaoCalls.propose(dao, token, changes, description), null)
                .map(r -> proposal);
    }

    @Override
    public Result<TxRef> vote(DaoContracts dao, byte[] memberKey, BigInteger proposalId, Support support,
            long votes) {
        if (votes <= 0) {
            return Result.fail(ErrorCode.INVALID_REQUEST, "votes: at least 1");
        }
        return transact(member(memberKey), dao.governor(), DaoCalls.vote(proposalId, support.value(), votes), null);
    }

    @Override
    public ProposalState state(DaoContracts dao, BigInteger proposalId) {
        return ProposalState.ofChain(((BigInteger) Abi.decode(view(dao.governor(), DaoCalls.proposal("state",
                proposalId)), new TypeReference<Uint8>() {
                }).get(0)).intValueExact());
    }

    @Override
    public Tally tally(DaoContracts dao, BigInteger proposalId) {
        List<Object> v = Abi.decode(view(dao.governor(), DaoCalls.proposal("proposalVotes", proposalId)),
                new TypeReference<Uint256>() {
                }, new TypeReference<Uint256>() {
                }, new TypeReference<Uint256>() {
                });
        return new Tally(((BigInteger) v.get(0)).longValueExact(), ((BigInteger) v.get(1)).longValueExact(),
                ((BigInteger) v.get(2)).longValueExact());
    }

    @Override
    public long creditsLeft(DaoContracts dao, BigInteger proposalId, EvmAddress member) {
        return uint(view(dao.governor(), DaoCalls.creditsLeft(proposalId, member))).longValueExact();
    }

    @Override
    public Result<TxRef> queue(DaoContracts dao, Proposal proposal) {
        return transact(access.sender(), dao.governor(), DaoCalls.withHash("queue", dao, token, proposal), null);
    }

    @Override
    public Result<TxRef> execute(DaoContracts dao, Proposal proposal) {
        return transact(access.sender(), dao.governor(), DaoCalls.withHash("execute", dao, token, proposal), null);
    }

    @Override
    public long treasuryBalance(DaoContracts dao) {
        return uint(view(token, DaoCalls.account("balanceOf", dao.treasury()))).longValueExact();
    }

    private TxSender member(byte[] key) {
        if (key.length != 32) {
            throw new IllegalArgumentException("an account key is 32 bytes");
        }
        Credentials c = Credentials.create(ECKeyPair.create(key));
        EvmAddress a = new EvmAddress(c.getAddress());
        return members.computeIfAbsent(a, x -> {
            gasFunder.accept(x);
            return access.sender().forAccount(c);
        });
    }

    private Result<TxRef> transact(TxSender sender, EvmAddress to, String data, BigInteger gas) {
        return writes.transact(sender, to, data, gas).map(TxSender::ref);
    }

    private String view(EvmAddress to, String data) {
        return writes.view(access.sender().from(), to, data, SimulatedWrites.VIEW_GAS);
    }

    private static BigInteger uint(String data) {
        return (BigInteger) Abi.decode(data, new TypeReference<Uint256>() {
        }).get(0);
    }

    private static boolean bool(String data) {
        return (Boolean) Abi.decode(data, new TypeReference<Bool>() {
        }).get(0);
    }
}
