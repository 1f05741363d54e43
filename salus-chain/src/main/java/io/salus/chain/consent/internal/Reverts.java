package io.salus.chain.consent.internal;

import io.salus.core.error.ErrorCode;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.web3j.crypto.Hash;

/**
 * The custom errors the consent contracts revert with, by selector, and the failure code each one means. Immutable
 * and thread-safe.
 */
public final class Reverts {
    private static final Map<String, String> NAMES = new HashMap<>();
    private static final Map<String, ErrorCode> CODES = Map.ofEntries(Map.entry("InvalidAccountNonce",
            ErrorCode.NONCE_USED), Map.entry("SignatureExpired", ErrorCode.SIGNATURE_EXPIRED),
            Map.entry("WrongSigner", ErrorCode.INVALID_SIGNATURE),
            Map.entry("ECDSAInvalidSignature", ErrorCode.INVALID_SIGNATURE),
            Map.entry("ECDSAInvalidSignatureS", ErrorCode.MALLEABLE_SIGNATURE),
            Map.entry("ECDSAInvalidSignatureLength", ErrorCode.MALLEABLE_SIGNATURE),
            Map.entry("InvalidTerms", ErrorCode.INVALID_GRANT), Map.entry("NotAuthorized",
                    ErrorCode.DELEGATION_SCOPE),
            Map.entry("UnknownGrant", ErrorCode.GRANT_NOT_FOUND),
            Map.entry("InvalidDelegate", ErrorCode.INVALID_REQUEST),
            Map.entry("UntrustedIssuer", ErrorCode.UNTRUSTED_ISSUER),
            Map.entry("InvalidAttestation", ErrorCode.INVALID_REQUEST),
            Map.entry("UnknownAttestation", ErrorCode.NOT_FOUND),
            Map.entry("OwnableUnauthorizedAccount", ErrorCode.FORBIDDEN),
            Map.entry("NotLogger", ErrorCode.FORBIDDEN),
            Map.entry("DelegateNamesItself", ErrorCode.DELEGATE_GRANT_TO_ITSELF),
            Map.entry("BeyondDelegation", ErrorCode.DELEGATE_GRANT_OUTLASTS_DELEGATION));

    static {
        for (String sig : new String[]{"InvalidAccountNonce(address,uint256)", "SignatureExpired(uint256,uint256)",
                "WrongSigner(address,address)", "ECDSAInvalidSignature()", "ECDSAInvalidSignatureS(bytes32)",
                "ECDSAInvalidSignatureLength(uint256)", "InvalidTerms()", "NotAuthorized(address,address)",
                "UnknownGrant(uint256)", "AlreadyRevoked(uint256)", "InvalidDelegate()",
                "UntrustedIssuer(address,uint16)", "InvalidAttestation()", "UnknownAttestation(uint256)",
                "OwnableUnauthorizedAccount(address)", "NotLogger(address)", "DelegateNamesItself(address)",
                "BeyondDelegation(uint64,uint64)"}) {
            NAMES.put(Hash.sha3String(sig).substring(0, 10), sig.substring(0, sig.indexOf('(')));
        }
    }

    private Reverts() {
    }

    /** The name of the custom error in revert data ({@code 0x} + selector + arguments), if it is one of ours. */
    public static Optional<String> name(String revertData) {
        if (revertData == null || revertData.length() < 10) {
            return Optional.empty();
        }
        return Optional.ofNullable(NAMES.get(revertData.substring(0, 10).toLowerCase(Locale.ROOT)));
    }

    /**
     * The failure code of a custom error; {@code AlreadyRevoked} is {@code alreadyRevoked} (a grant's or an
     * attestation's, depending on the contract).
     */
    public static Optional<ErrorCode> code(String name, ErrorCode alreadyRevoked) {
        return "AlreadyRevoked".equals(name) ? Optional.of(alreadyRevoked) : Optional.ofNullable(CODES.get(name));
    }
}
