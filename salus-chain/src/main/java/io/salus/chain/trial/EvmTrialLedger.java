package io.salus.chain.trial;

import io.salus.chain.EvmLedger;
import io.salus.chain.deals.internal.DealCalls;
import io.salus.chain.internal.Abi;
import io.salus.chain.internal.ChainAccess;
import io.salus.chain.internal.ChainReads;
import io.salus.chain.internal.Eip712;
import io.salus.chain.internal.Reverts;
import io.salus.chain.internal.TxSender;
import io.salus.contracts.generated.TrialEscrow;
import io.salus.core.account.EvmAddress;
import io.salus.core.anchor.TxRef;
import io.salus.core.error.ErrorCode;
import io.salus.core.error.Result;
import io.salus.core.merkle.Hash32;
import io.salus.core.merkle.Hashing;
import io.salus.core.port.TrialLedger;
import io.salus.core.trial.Milestone;
import io.salus.core.trial.StudyTerms;
import java.math.BigInteger;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.function.Consumer;
import org.web3j.abi.TypeReference;
import org.web3j.abi.datatypes.Address;
import org.web3j.abi.datatypes.Bool;
import org.web3j.abi.datatypes.DynamicArray;
import org.web3j.abi.datatypes.DynamicBytes;
import org.web3j.abi.datatypes.generated.Bytes32;
import org.web3j.abi.datatypes.generated.Uint128;
import org.web3j.abi.datatypes.generated.Uint32;
import org.web3j.abi.datatypes.generated.Uint64;
import org.web3j.abi.datatypes.generated.Uint8;
import org.web3j.crypto.Credentials;
import org.web3j.crypto.ECKeyPair;
import org.web3j.crypto.Hash;
import org.web3j.protocol.core.methods.response.Log;
import org.web3j.utils.Numeric;

/**
 * The {@link TrialLedger} on TrialEscrow. The sponsor's approve and fund are signed with the sponsor's own key (which
 * the node custodies) and sent by a sender for that account on the ledger's connection and journal, after the
 * {@code gasFunder} gave it gas; enrol and refund are sent by the relayer (the escrow's enroller). Every write has an
 * explicit gas limit; every write is checked against the chain's state first and repeated writes return the original
 * transaction (a retried delivery never pays twice); a refusal by the contract maps from its custom error. The consent
 * digest is computed here exactly as the contract computes it. Thread-safe.
 */
public final class EvmTrialLedger implements TrialLedger {
    static final BigInteger APPROVE_GAS = BigInteger.valueOf(80_000);
    static final BigInteger FUND_GAS = BigInteger.valueOf(200_000);
    static final BigInteger ENROL_GAS = BigInteger.valueOf(150_000);
    static final BigInteger REFUND_GAS = BigInteger.valueOf(100_000);
    static final BigInteger MILESTONE_GAS = BigInteger.valueOf(120_000);
    /** Funding stores each milestone's fee (a storage slot each). */
    static final BigInteger FUND_GAS_PER_MILESTONE = BigInteger.valueOf(50_000);
    static final String CONSENT_TYPE = "StudyConsent(bytes32 studyId,address patient,address payee)";
    private static final String FUNDED = Hash.sha3String("StudyFunded(bytes32,address,uint128,uint32,uint64,bytes32)");
    private static final String ENROLLED = Hash.sha3String("Enrolled(bytes32,address,address,uint128)");
    private static final String REFUNDED = Hash.sha3String("StudyRefunded(bytes32,address,uint256)");
    private static final String MILESTONE_PAID = Hash
            .sha3String("MilestonePaid(bytes32,address,uint8,address,uint128)");

    private final TxSender relayer;
    private final ChainReads chain;
    private final EvmAddress contract;
    private final EvmAddress token;
    private final Hash32 domain;
    private final Consumer<EvmAddress> gasFunder;
    private final ConcurrentMap<EvmAddress, TxSender> accounts = new ConcurrentHashMap<>();

    private EvmTrialLedger(ChainAccess access, EvmAddress contract, EvmAddress token,
            Consumer<EvmAddress> gasFunder) {
        this.relayer = access.sender();
        this.chain = relayer.reads();
        this.contract = contract;
        this.token = token;
        this.domain = Eip712.domainSeparator("Salus Trial", "1", access.chainId(), contract);
        this.gasFunder = gasFunder;
    }

    /** The trial ledger on the ledger's connection, for the TrialEscrow at {@code contract} on {@code token}. */
    public static EvmTrialLedger on(EvmLedger ledger, EvmAddress contract, EvmAddress token,
            Consumer<EvmAddress> gasFunder) {
        return new EvmTrialLedger(ledger.access(), contract, token, gasFunder);
    }

    public EvmAddress contract() {
        return contract;
    }

    /** The latest block's time: what the escrow compares deadlines with. */
    public Instant chainTime() {
        return chain.latestTimestamp();
    }

    /** The escrow the contract accounts for (equal to its token balance). */
    public long totalEscrow() {
        return chain.uint(contract, Abi.encode(TrialEscrow.FUNC_TOTALESCROW)).longValueExact();
    }

    @Override
    public Hash32 consentDigest(Hash32 study, EvmAddress patient, EvmAddress payee) {
        return Eip712.digest(domain, Hashing.keccak256(Eip712.text(CONSENT_TYPE), study.bytes(),
                Eip712.address(patient), Eip712.address(payee)));
    }

    /** The digest as the contract computes it (for tests of {@link #consentDigest}). */
    public Hash32 contractDigest(Hash32 study, EvmAddress patient, EvmAddress payee) {
        List<Object> v = chain.call(contract, Abi.encode(TrialEscrow.FUNC_CONSENTDIGEST, new Bytes32(study.bytes()),
                new Address(patient.hex()), new Address(payee.hex())), new TypeReference<Bytes32>() {
                });
        return Hash32.of((byte[]) v.get(0));
    }

    @Override
    public Result<TxRef> fund(Hash32 study, StudyTerms terms, Hash32 protocolHash, byte[] sponsorKey) {
        Credentials account = Credentials.create(ECKeyPair.create(sponsorKey));
        EvmAddress sponsor = new EvmAddress(account.getAddress());
        Optional<OnChain> existing = study(study);
        if (existing.isPresent()) {
            OnChain s = existing.get();
            if (s.sponsor().equals(sponsor) && s.fee() == terms.feePerPatient() && s.cap() == terms.cap()
                    && s.deadline() == terms.deadline().getEpochSecond() && s.protocolHash().equals(protocolHash)
                    && milestoneFees(study).equals(terms.milestones().stream().map(Milestone::fee).toList())) {
                return Result.ok(chain.eventTx(contract, FUNDED, study.hex(), 0, chain.headBlock()));
            }
            return Result.fail(ErrorCode.TRIAL_EXISTS, "study " + study + " is funded with other terms");
        }
        long escrow = terms.escrow();
        if (chain.uint(token, DealCalls.balanceOf(sponsor)).longValueExact() < escrow) {
            return Result.fail(ErrorCode.TRIAL_INSUFFICIENT_FUNDS, sponsor + " holds less than " + escrow
                    + " token units (fee × cap)");
        }
        TxSender own = senderFor(account);
        synchronized (own) {
            long allowance = chain.uint(token, DealCalls.allowance(sponsor, contract)).longValueExact();
            if (allowance < escrow) {
                Result<?> approved = Reverts.TRIALS.send(own, token, DealCalls.approve(contract, escrow),
                        APPROVE_GAS);
                if (!approved.isOk()) {
                    return approved.propagate();
                }
            }
            List<Uint128> fees = terms.milestones().stream().map(m -> new Uint128(m.fee())).toList();
            return Reverts.TRIALS.send(own, contract, Abi.encode(TrialEscrow.FUNC_FUND, new Bytes32(study.bytes()),
                    new Uint128(terms.feePerPatient()), new Uint32(terms.cap()),
                    new Uint64(terms.deadline().getEpochSecond()), new Bytes32(protocolHash.bytes()),
                    new DynamicArray<>(Uint128.class, fees)),
                    FUND_GAS.add(FUND_GAS_PER_MILESTONE.multiply(
                            BigInteger.valueOf(fees.size()))))
                    .map(TxSender::ref);
        }
    }

    @Override
    public Result<TxRef> enrol(Hash32 study, EvmAddress patient, EvmAddress payee, byte[] signature) {
        if (enrolled(study, patient)) {
            return Result.ok(enrolmentTx(study, patient));
        }
        Optional<OnChain> s = study(study);
        if (s.isEmpty()) {
            return Result.fail(ErrorCode.TRIAL_NOT_FOUND, "study " + study + " is not funded on chain");
        }
        if (s.get().enrolled() >= s.get().cap()) {
            return Result.fail(ErrorCode.TRIAL_FULL, "study " + study + " enrolled its cap of " + s.get().cap());
        }
        return Reverts.TRIALS.send(relayer, contract, Abi.encode(TrialEscrow.FUNC_ENROL, new Bytes32(study.bytes()),
                new Address(patient.hex()), new Address(payee.hex()), new DynamicBytes(signature)), ENROL_GAS)
                .map(TxSender::ref);
    }

    @Override
    public Result<TxRef> payMilestone(Hash32 study, int index, EvmAddress patient, byte[] sponsorKey) {
        if (milestonePaid(study, patient, index)) {
            Log l = chain.logs(contract, 0, chain.headBlock(), MILESTONE_PAID, study.hex(), ChainReads.addressTopic(
                    patient), Numeric.toHexStringWithPrefixZeroPadded(BigInteger.valueOf(index), 64)).get(0);
            return Result.ok(new TxRef(l.getTransactionHash(), l.getBlockNumber().longValueExact(), 0));
        }
        Credentials account = Credentials.create(ECKeyPair.create(sponsorKey));
        Optional<OnChain> s = study(study);
        if (s.isEmpty()) {
            return Result.fail(ErrorCode.TRIAL_NOT_FOUND, "study " + study + " is not funded on chain");
        }
        if (!s.get().sponsor().equals(new EvmAddress(account.getAddress()))) {
            return Result.fail(ErrorCode.FORBIDDEN, "only the study's sponsor attests its milestones");
        }
        if (index < 0 || index >= milestoneFees(study).size()) {
            return Result.fail(ErrorCode.TRIAL_MILESTONE_UNKNOWN, "study " + study + " has no milestone " + index);
        }
        if (!enrolled(study, patient)) {
            return Result.fail(ErrorCode.TRIAL_NOT_ENROLLED, patient + " is not enrolled in study " + study);
        }
        TxSender own = senderFor(account);
        synchronized (own) {
            return Reverts.TRIALS.send(own, contract, Abi.encode(TrialEscrow.FUNC_PAYMILESTONE, new Bytes32(study
                    .bytes()), new Uint8(index), new Address(patient.hex())), MILESTONE_GAS).map(TxSender::ref);
        }
    }

    @Override
    public boolean milestonePaid(Hash32 study, EvmAddress patient, int index) {
        if (index < 0 || index > 255) {
            return false;
        }
        return (Boolean) chain.call(contract, Abi.encode(TrialEscrow.FUNC_MILESTONEPAID, new Bytes32(study.bytes()),
                new Address(patient.hex()), new Uint8(index)), new TypeReference<Bool>() {
                }).get(0);
    }

    /** The fee of each milestone of the study on chain, in order. */
    public List<Long> milestoneFees(Hash32 study) {
        List<Object> v = chain.call(contract, Abi.encode(TrialEscrow.FUNC_MILESTONEFEESOF, new Bytes32(study.bytes())),
                new TypeReference<DynamicArray<Uint128>>() {
                });
        @SuppressWarnings("unchecked")
        List<Object> fees = (List<Object>) v.get(0);
        return fees.stream().map(f -> f instanceof Uint128 u
                ? u.getValue().longValueExact()
                : ((BigInteger) f).longValueExact()).toList();
    }

    @Override
    public Result<TxRef> refund(Hash32 study) {
        Optional<OnChain> s = study(study);
        if (s.isEmpty()) {
            return Result.fail(ErrorCode.TRIAL_NOT_FOUND, "study " + study + " is not funded on chain");
        }
        if (s.get().refunded()) {
            return Result.ok(chain.eventTx(contract, REFUNDED, study.hex(), 0, chain.headBlock()));
        }
        if (chain.latestTimestamp().getEpochSecond() <= s.get().deadline()) {
            return Result.fail(ErrorCode.TRIAL_STILL_OPEN, "study " + study + " is open until its deadline");
        }
        return Reverts.TRIALS.send(relayer, contract, Abi.encode(TrialEscrow.FUNC_REFUND, new Bytes32(study.bytes())),
                REFUND_GAS).map(TxSender::ref);
    }

    @Override
    public Optional<OnChain> study(Hash32 study) {
        List<Object> v = chain.call(contract, Abi.encode(TrialEscrow.FUNC_STUDYOF, new Bytes32(study.bytes())),
                new TypeReference<Address>() {
                }, new TypeReference<Uint128>() {
                }, new TypeReference<Uint32>() {
                }, new TypeReference<Uint32>() {
                }, new TypeReference<Uint64>() {
                }, new TypeReference<Bool>() {
                }, new TypeReference<Bytes32>() {
                });
        EvmAddress sponsor = new EvmAddress(((String) v.get(0)).toLowerCase(Locale.ROOT));
        if (sponsor.hex().equals("0x" + "0".repeat(40))) {
            return Optional.empty();
        }
        return Optional.of(new OnChain(sponsor, ((BigInteger) v.get(1)).longValueExact(),
                ((BigInteger) v.get(2)).intValueExact(), ((BigInteger) v.get(3)).intValueExact(),
                ((BigInteger) v.get(4)).longValueExact(), (Boolean) v.get(5), Hash32.of((byte[]) v.get(6))));
    }

    @Override
    public boolean enrolled(Hash32 study, EvmAddress patient) {
        return (Boolean) chain.call(contract, Abi.encode(TrialEscrow.FUNC_ISENROLLED, new Bytes32(study.bytes()),
                new Address(patient.hex())), new TypeReference<Bool>() {
                }).get(0);
    }

    /** The payments made to a payee by the escrow (token units), from its Enrolled events. */
    public long paidTo(EvmAddress payee) {
        long sum = 0;
        for (Log l : chain.logs(contract, 0, chain.headBlock(), ENROLLED)) {
            List<Object> d = Abi.decode(l.getData(), new TypeReference<Address>() {
            }, new TypeReference<Uint128>() {
            });
            if (((String) d.get(0)).equalsIgnoreCase(payee.hex())) {
                sum += ((BigInteger) d.get(1)).longValueExact();
            }
        }
        return sum;
    }

    private TxRef enrolmentTx(Hash32 study, EvmAddress patient) {
        Log l = chain.logs(contract, 0, chain.headBlock(), ENROLLED, study.hex(), ChainReads.addressTopic(patient))
                .get(0);
        return new TxRef(l.getTransactionHash(), l.getBlockNumber().longValueExact(), 0);
    }

    private TxSender senderFor(Credentials account) {
        EvmAddress a = new EvmAddress(account.getAddress());
        gasFunder.accept(a);
        return accounts.computeIfAbsent(a, x -> relayer.forAccount(account));
    }
}
