package io.salus.chain.recovery;

import io.salus.chain.internal.Eip712;
import io.salus.core.account.EvmAddress;
import io.salus.core.consent.Signed;
import io.salus.core.merkle.Hash32;
import io.salus.core.merkle.Hashing;
import io.salus.core.recovery.RecoveryPayloads;
import java.io.ByteArrayOutputStream;

/**
 * The EIP-712 typed data of GuardianRecovery, computed as the contract does: domain "Salus Recovery" version "1",
 * {@code SetGuardians(address patient,address[] guardians,bytes32[] shareHashes,uint8 threshold,uint256 nonce,
 * uint256 deadline)} (arrays hashed as the keccak-256 of their 32-byte-padded elements) and
 * {@code Approve(uint256 requestId,address guardian,bytes32 newKeyHash,uint256 nonce,uint256 deadline)}. Immutable and
 * thread-safe.
 */
public final class RecoveryTypedData {
    public static final String NAME = "Salus Recovery";
    public static final String VERSION = "1";
    static final String SET_GUARDIANS_TYPE = "SetGuardians(address patient,address[] guardians,bytes32[] shareHashes,"
            + "uint8 threshold,uint256 nonce,uint256 deadline)";
    static final String APPROVE_TYPE = "Approve(uint256 requestId,address guardian,bytes32 newKeyHash,uint256 nonce,"
            + "uint256 deadline)";
    private final Hash32 domain;

    public RecoveryTypedData(long chainId, EvmAddress contract) {
        this.domain = Eip712.domainSeparator(NAME, VERSION, chainId, contract);
    }

    public Hash32 digest(Signed<?> s) {
        Hash32 struct = switch (s.payload()) {
            case RecoveryPayloads.SetGuardians g -> setGuardians(g, s);
            case RecoveryPayloads.Approve a -> Hashing.keccak256(type(APPROVE_TYPE), uint(a.requestId()),
                    word(a.guardian()), a.newKeyHash().bytes(), uint(s.nonce()), uint(s.deadline().getEpochSecond()));
            default -> throw new IllegalArgumentException("not a recovery instruction: " + s.payload().getClass());
        };
        return Eip712.digest(domain, struct);
    }

    private static Hash32 setGuardians(RecoveryPayloads.SetGuardians g, Signed<?> s) {
        ByteArrayOutputStream guardians = new ByteArrayOutputStream();
        g.guardians().forEach(a -> guardians.writeBytes(word(a)));
        ByteArrayOutputStream hashes = new ByteArrayOutputStream();
        g.shareHashes().forEach(h -> hashes.writeBytes(h.bytes()));
        return Hashing.keccak256(type(SET_GUARDIANS_TYPE), word(g.patient()),
                Hashing.keccak256(guardians.toByteArray()).bytes(), Hashing.keccak256(hashes.toByteArray()).bytes(),
                uint(g.threshold()), uint(s.nonce()), uint(s.deadline().getEpochSecond()));
    }

    private static byte[] type(String t) {
        return Eip712.text(t);
    }

    private static byte[] uint(long v) {
        return Eip712.uint(v);
    }

    private static byte[] word(EvmAddress a) {
        return Eip712.address(a);
    }
}
