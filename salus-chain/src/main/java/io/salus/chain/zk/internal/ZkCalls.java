package io.salus.chain.zk.internal;

import io.salus.chain.internal.Abi;
import io.salus.contracts.generated.AttributeGate;
import io.salus.core.account.EvmAddress;
import io.salus.core.merkle.Hash32;
import io.salus.core.zk.AttributeProof;
import io.salus.core.zk.Groth16Proof;
import io.salus.core.zk.PublicSignals;
import io.salus.core.zk.ScopePolicy;
import java.math.BigInteger;
import java.util.List;
import org.web3j.abi.datatypes.Address;
import org.web3j.abi.datatypes.generated.Bytes32;
import org.web3j.abi.datatypes.generated.StaticArray8;
import org.web3j.abi.datatypes.generated.Uint16;
import org.web3j.abi.datatypes.generated.Uint256;
import org.web3j.abi.datatypes.generated.Uint64;
import org.web3j.crypto.Hash;
import org.web3j.utils.Numeric;

/** ABI encodings of the gate's and the registry's functions. Stateless and thread-safe. */
public final class ZkCalls {
    private static final String VERIFY_PROOF = Hash
            .sha3String("verifyProof(uint256[2],uint256[2][2],uint256[2],uint256[9])").substring(0, 10);

    private ZkCalls() {
    }

    public static String openScope(Hash32 label, ScopePolicy p) {
        return Abi.encode("openScope", new Bytes32(label.bytes()), new Uint256(p.kind()), new Uint256(p.lo()),
                new Uint256(p.hi()), new Uint64(p.maxAge().toSeconds()), new Uint16(p.minAgeYears()));
    }

    public static String scopeId(EvmAddress owner, Hash32 label) {
        return Abi.encode("scopeId", new Address(owner.hex()), new Bytes32(label.bytes()));
    }

    public static String policyOf(BigInteger scope) {
        return Abi.encode("policyOf", new Uint256(scope));
    }

    /** admitFor(scope, recipient, proof, signals): the recipient named in the call (relayed). */
    public static String admitFor(AttributeProof proof) {
        PublicSignals s = proof.signals();
        return Abi.encode("admitFor", new Uint256(s.scope()), new Address(s.recipientAddress().hex()),
                flat(proof.proof()), signals(s));
    }

    /** admit(scope, proof, signals): the recipient is the sender. */
    public static String admit(AttributeProof proof) {
        return Abi.encode("admit", new Uint256(proof.signals().scope()), flat(proof.proof()), signals(proof.signals()));
    }

    public static String nullifierUsed(BigInteger scope, BigInteger nullifier) {
        return Abi.encode("nullifierUsed", new Uint256(scope), new Uint256(nullifier));
    }

    public static String admitted(BigInteger scope, EvmAddress account) {
        return Abi.encode("admitted", new Uint256(scope), new Address(account.hex()));
    }

    public static String setKeyFor(EvmAddress provider, BigInteger ax, BigInteger ay) {
        return Abi.encode("setKeyFor", new Address(provider.hex()), new Uint256(ax), new Uint256(ay));
    }

    public static String setKey(BigInteger ax, BigInteger ay) {
        return Abi.encode("setKey", new Uint256(ax), new Uint256(ay));
    }

    public static String revoke(EvmAddress provider) {
        return Abi.encode("revoke", new Address(provider.hex()));
    }

    public static String providerOfKey(BigInteger ax, BigInteger ay) {
        return Abi.encode("providerOfKey", new Bytes32(Hash.sha3(Numeric.hexStringToByteArray(
                Numeric.toHexStringNoPrefixZeroPadded(ax, 64) + Numeric.toHexStringNoPrefixZeroPadded(ay, 64)))));
    }

    public static String isActive(BigInteger ax, BigInteger ay) {
        return Abi.encode("isActive", new Uint256(ax), new Uint256(ay));
    }

    /**
     * verifyProof(uint256[2], uint256[2][2], uint256[2], uint256[9]) of the generated verifier, for calling it alone:
     * every argument is static, so the call data is the selector and the 17 words in order.
     */
    public static String verifyProof(AttributeProof proof) {
        Groth16Proof g = proof.proof();
        StringBuilder data = new StringBuilder(VERIFY_PROOF);
        List.of(g.a(), g.b().get(0), g.b().get(1), g.c(), proof.signals().asList())
                .forEach(words -> words.forEach(w -> data.append(Numeric.toHexStringNoPrefixZeroPadded(w, 64))));
        return data.toString();
    }

    private static StaticArray8<Uint256> flat(Groth16Proof g) {
        return new StaticArray8<>(Uint256.class, uints(List.of(g.a().get(0), g.a().get(1), g.b().get(0).get(0),
                g.b().get(0).get(1), g.b().get(1).get(0), g.b().get(1).get(1), g.c().get(0), g.c().get(1))));
    }

    private static AttributeGate.Signals signals(PublicSignals s) {
        return new AttributeGate.Signals(s.nullifier(), s.providerAx(), s.providerAy(), s.kind(), s.lo(), s.hi(),
                s.notBefore());
    }

    private static List<Uint256> uints(List<BigInteger> values) {
        return values.stream().map(Uint256::new).toList();
    }
}
