package io.salus.chain.zk.internal;

import io.salus.core.error.ErrorCode;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.web3j.crypto.Hash;

/**
 * The custom errors of AttributeGate and ProviderKeyRegistry, by selector, and the failure code each means. Immutable
 * and thread-safe.
 */
public final class ZkReverts {
    private static final Map<String, ErrorCode> BY_SELECTOR = new HashMap<>();
    private static final Map<String, String> NAMES = new HashMap<>();

    static {
        add("InvalidPolicy()", ErrorCode.INVALID_REQUEST);
        add("ScopeExists(uint256)", ErrorCode.INVALID_REQUEST);
        add("UnknownScope(uint256)", ErrorCode.ZK_SCOPE_UNKNOWN);
        add("ZeroRecipient()", ErrorCode.INVALID_REQUEST);
        add("WrongKind(uint256,uint256)", ErrorCode.ZK_CLAIM_OUTSIDE_POLICY);
        add("ClaimOutsidePolicy(uint256,uint256,uint256,uint256)", ErrorCode.ZK_CLAIM_OUTSIDE_POLICY);
        add("StaleCommitment(uint256,uint256)", ErrorCode.ZK_COMMITMENT_STALE);
        add("NotBeforeInFuture(uint256)", ErrorCode.ZK_CLAIM_OUTSIDE_POLICY);
        add("ProviderKeyInactive(uint256,uint256)", ErrorCode.ZK_PROVIDER_KEY_INACTIVE);
        add("NullifierUsed(uint256,uint256)", ErrorCode.ZK_NULLIFIER_USED);
        add("InsufficientGas(uint256,uint256)", ErrorCode.CHAIN_UNAVAILABLE);
        add("InvalidProof()", ErrorCode.ZK_PROOF_INVALID);
        add("NotEnrolled(address)", ErrorCode.ZK_PROVIDER_NOT_ENROLLED);
        add("NotProviderOrOwner(address,address)", ErrorCode.FORBIDDEN);
        add("InvalidKey(uint256,uint256)", ErrorCode.ZK_PROVIDER_KEY_INVALID);
        add("KeyAlreadyRegistered(bytes32)", ErrorCode.ZK_PROVIDER_KEY_INVALID);
        add("NoActiveKey(address)", ErrorCode.ZK_PROVIDER_KEY_INACTIVE);
        add("OwnableUnauthorizedAccount(address)", ErrorCode.FORBIDDEN);
    }

    private ZkReverts() {
    }

    private static void add(String signature, ErrorCode code) {
        String selector = Hash.sha3String(signature).substring(0, 10);
        BY_SELECTOR.put(selector, code);
        NAMES.put(selector, signature.substring(0, signature.indexOf('(')));
    }

    /** The custom error's name, if the revert data ({@code 0x} + selector + arguments) is one of ours. */
    public static Optional<String> name(String revertData) {
        return revertData == null || revertData.length() < 10
                ? Optional.empty()
                : Optional.ofNullable(NAMES.get(revertData.substring(0, 10).toLowerCase(Locale.ROOT)));
    }

    /** The failure code of the revert data, if it is one of ours. */
    public static Optional<ErrorCode> code(String revertData) {
        return revertData == null || revertData.length() < 10
                ? Optional.empty()
                : Optional.ofNullable(BY_SELECTOR.get(revertData.substring(0, 10).toLowerCase(Locale.ROOT)));
    }
}
