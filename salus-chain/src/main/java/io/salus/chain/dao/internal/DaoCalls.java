package io.salus.chain.dao.internal;

import io.salus.chain.internal.Abi;
import io.salus.contracts.generated.AttributeGate;
import io.salus.core.account.EvmAddress;
import io.salus.core.dao.DaoContracts;
import io.salus.core.dao.DealCandidate;
import io.salus.core.dao.PolicyChange;
import io.salus.core.dao.Proposal;
import io.salus.core.merkle.Hash32;
import io.salus.core.zk.AttributeProof;
import io.salus.core.zk.Groth16Proof;
import io.salus.core.zk.PublicSignals;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.web3j.abi.datatypes.Address;
import org.web3j.abi.datatypes.Bool;
import org.web3j.abi.datatypes.DynamicArray;
import org.web3j.abi.datatypes.DynamicBytes;
import org.web3j.abi.datatypes.Utf8String;
import org.web3j.abi.datatypes.generated.Bytes32;
import org.web3j.abi.datatypes.generated.StaticArray8;
import org.web3j.abi.datatypes.generated.Uint128;
import org.web3j.abi.datatypes.generated.Uint16;
import org.web3j.abi.datatypes.generated.Uint256;
import org.web3j.abi.datatypes.generated.Uint32;
import org.web3j.abi.datatypes.generated.Uint64;
import org.web3j.abi.datatypes.generated.Uint8;
import org.web3j.crypto.Hash;
import org.web3j.utils.Numeric;

/** ABI encodings of the DAO contracts' functions and of proposal actions. Stateless and thread-safe. */
public final class DaoCalls {
    public static final Hash32 PROPOSER_ROLE = role("PROPOSER_ROLE");
    public static final Hash32 CANCELLER_ROLE = role("CANCELLER_ROLE");
    public static final Hash32 ADMITTER_ROLE = role("ADMITTER_ROLE");
    public static final Hash32 DEFAULT_ADMIN_ROLE = Hash32.of(new byte[32]);

    private DaoCalls() {
    }

    private static Hash32 role(String name) {
        return Hash32.of(Hash.sha3(name.getBytes(StandardCharsets.US_ASCII)));
    }

    public static String grantRole(Hash32 role, EvmAddress account) {
        return Abi.encode("grantRole", new Bytes32(role.bytes()), new Address(account.hex()));
    }

    public static String renounceRole(Hash32 role, EvmAddress account) {
        return Abi.encode("renounceRole", new Bytes32(role.bytes()), new Address(account.hex()));
    }

    public static String joinByProof(AttributeProof proof) {
        PublicSignals s = proof.signals();
        Groth16Proof g = proof.proof();
        List<Uint256> flat = List.of(g.a().get(0), g.a().get(1), g.b().get(0).get(0), g.b().get(0).get(1),
                g.b().get(1).get(0), g.b().get(1).get(1), g.c().get(0), g.c().get(1)).stream().map(Uint256::new)
                .toList();
        return Abi.encode("joinByProof", new Address(s.recipientAddress().hex()),
                new StaticArray8<>(Uint256.class, flat), new AttributeGate.Signals(s.nullifier(), s.providerAx(),
                        s.providerAy(), s.kind(), s.lo(), s.hi(), s.notBefore()));
    }

    public static String joinBySubject(EvmAddress member, Hash32 subjectKey) {
        return Abi.encode("joinBySubject", new Address(member.hex()), new Bytes32(subjectKey.bytes()));
    }

    public static String account(String function, EvmAddress account) {
        return Abi.encode(function, new Address(account.hex()));
    }

    public static String noArgs(String function) {
        return Abi.encode(function);
    }

    public static String transferFrom(EvmAddress from, EvmAddress to, BigInteger tokenId) {
        return Abi.encode("transferFrom", new Address(from.hex()), new Address(to.hex()), new Uint256(tokenId));
    }

    public static String admits(DealCandidate d) {
        return Abi.encode("admits", new Bytes32(d.dealId().bytes()), new Uint256(d.pricePerPatient()),
                new Uint16(d.treasuryBps()), new Uint32(d.epsilonMilli()), new Uint64(d.consumerTypes()),
                new Uint8(d.purpose().bit()));
    }

    public static String proposal(String function, BigInteger proposalId) {
        return Abi.encode(function, new Uint256(proposalId));
    }

    public static String creditsLeft(BigInteger proposalId, EvmAddress voter) {
        return Abi.encode("creditsLeft", new Uint256(proposalId), new Address(voter.hex()));
    }

    public static String vote(BigInteger proposalId, int support, long votes) {
        byte[] params = Numeric.toBytesPadded(BigInteger.valueOf(votes), 32);
        return Abi.encode("castVoteWithReasonAndParams", new Uint256(proposalId), new Uint8(support),
                new Utf8String(""), new DynamicBytes(params));
    }

    /** propose(targets, values, calldatas, description) of the actions. */
    public static String propose(DaoContracts dao, EvmAddress token, List<PolicyChange> changes, String description) {
        Actions a = Actions.of(dao, token, changes);
        return Abi.encode("propose", a.targets(), a.values(), a.calldatas(), new Utf8String(description));
    }

    /** hashProposal / queue / execute (targets, values, calldatas, descriptionHash). */
    public static String withHash(String function, DaoContracts dao, EvmAddress token, Proposal p) {
        Actions a = Actions.of(dao, token, p.changes());
        return Abi.encode(function, a.targets(), a.values(), a.calldatas(),
                new Bytes32(Hash.sha3(p.description().getBytes(StandardCharsets.UTF_8))));
    }

    /** The call one action makes: a setter of the DAO's policy, or a transfer of the treasury's tokens. */
    public static String action(PolicyChange c) {
        return switch (c) {
            case PolicyChange.FloorPrice f -> Abi.encode("setFloorPrice", new Uint128(f.tokenUnits()));
            case PolicyChange.ConsumerTypes t -> Abi.encode("setConsumerTypes", new Uint64(t.mask()));
            case PolicyChange.Purposes p -> Abi.encode("setPurposes", new Uint64(p.mask()));
            case PolicyChange.MaxEpsilon e -> Abi.encode("setMaxEpsilon", new Uint32(e.milli()));
            case PolicyChange.Share s -> Abi.encode("setShare", new Uint16(s.bps()));
            case PolicyChange.ApproveDeal d -> Abi.encode("approveDeal", new Bytes32(d.dealId().bytes()),
                    new Bool(d.approved()));
            case PolicyChange.Grant g -> Abi.encode("transfer", new Address(g.to().hex()), new Uint256(g.amount()));
        };
    }

    /** The governor's three parallel arrays. */
    public record Actions(DynamicArray<Address> targets, DynamicArray<Uint256> values,
            DynamicArray<DynamicBytes> calldatas) {
        static Actions of(DaoContracts dao, EvmAddress token, List<PolicyChange> changes) {
            List<Address> targets = changes.stream()
                    .map(c -> new Address((c instanceof PolicyChange.Grant ? token : dao.policy()).hex())).toList();
            List<Uint256> values = changes.stream().map(c -> new Uint256(0)).toList();
            List<DynamicBytes> data = changes.stream()
                    .map(c -> new DynamicBytes(Numeric.hexStringToByteArray(action(c)))).toList();
            return new Actions(new DynamicArray<>(Address.class, targets), new DynamicArray<>(Uint256.class, values),
                    new DynamicArray<>(DynamicBytes.class, data));
        }
    }
}
