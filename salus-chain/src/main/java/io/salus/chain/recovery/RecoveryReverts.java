package io.salus.chain.recovery;

import io.salus.core.error.ErrorCode;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.web3j.crypto.Hash;

/** The custom errors GuardianRecovery reverts with, by selector, and the failure each means. Immutable, thread-safe. */
final class RecoveryReverts {
    private static final Map<String, ErrorCode> BY_SELECTOR = new HashMap<>();
    private static final Map<String, ErrorCode> CODES = Map.ofEntries(
            Map.entry("InvalidAccountNonce(address,uint256)", ErrorCode.NONCE_USED),
            Map.entry("SignatureExpired(uint256,uint256)", ErrorCode.SIGNATURE_EXPIRED),
            Map.entry("WrongSigner(address,address)", ErrorCode.INVALID_SIGNATURE),
            Map.entry("ECDSAInvalidSignature()", ErrorCode.INVALID_SIGNATURE),
            Map.entry("ECDSAInvalidSignatureS(bytes32)", ErrorCode.MALLEABLE_SIGNATURE),
            Map.entry("ECDSAInvalidSignatureLength(uint256)", ErrorCode.MALLEABLE_SIGNATURE),
            Map.entry("OwnableUnauthorizedAccount(address)", ErrorCode.FORBIDDEN),
            Map.entry("InvalidGuardians()", ErrorCode.RECOVERY_INVALID_GUARDIANS),
            Map.entry("NoGuardians(address)", ErrorCode.RECOVERY_NO_GUARDIANS),
            Map.entry("UnknownRequest(uint256)", ErrorCode.RECOVERY_NOT_FOUND),
            Map.entry("NotGuardian(address,address)", ErrorCode.RECOVERY_NOT_A_GUARDIAN),
            Map.entry("AlreadyApproved(uint256,address)", ErrorCode.RECOVERY_ALREADY_APPROVED),
            Map.entry("StaleRequest(uint256)", ErrorCode.RECOVERY_STALE),
            Map.entry("NotExecutable(uint256,uint8,uint8)", ErrorCode.RECOVERY_NOT_ENOUGH_APPROVALS),
            Map.entry("AlreadyExecuted(uint256)", ErrorCode.RECOVERY_CLOSED),
            Map.entry("WrongKey(uint256)", ErrorCode.INVALID_SIGNATURE),
            Map.entry("Cancelled(uint256)", ErrorCode.RECOVERY_CANCELLED),
            Map.entry("Waiting(uint256,uint64)", ErrorCode.RECOVERY_WAITING));

    static {
        CODES.forEach((sig, code) -> BY_SELECTOR.put(Hash.sha3String(sig).substring(0, 10), code));
    }

    private RecoveryReverts() {
    }

    static Optional<ErrorCode> code(String revertData) {
        if (revertData == null || revertData.length() < 10) {
            return Optional.empty();
        }
        return Optional.ofNullable(BY_SELECTOR.get(revertData.substring(0, 10).toLowerCase(Locale.ROOT)));
    }
}
