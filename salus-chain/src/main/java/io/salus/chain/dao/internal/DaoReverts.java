package io.salus.chain.dao.internal;

import io.salus.chain.zk.internal.ZkReverts;
import io.salus.core.error.ErrorCode;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.web3j.crypto.Hash;

/**
 * The custom errors of the DAO contracts (and of OpenZeppelin's Governor, TimelockController and ERC-721 beneath them),
 * by selector, and the failure code each means; AttributeGate's errors (a proof refused on joining) are
 * {@link ZkReverts}'. Immutable and thread-safe.
 */
public final class DaoReverts {
    private static final Map<String, ErrorCode> BY_SELECTOR = new HashMap<>();
    private static final Map<String, String> NAMES = new HashMap<>();

    static {
        add("Soulbound(uint256)", ErrorCode.DAO_MEMBERSHIP_SOULBOUND);
        add("AlreadyMember(address)", ErrorCode.DAO_ALREADY_MEMBER);
        add("PersonAlreadyMember(bytes32)", ErrorCode.DAO_ALREADY_MEMBER);
        add("WrongAdmissionPath()", ErrorCode.DAO_WRONG_ADMISSION_PATH);
        add("InvalidPersonKey()", ErrorCode.INVALID_REQUEST);
        add("NotAdmitted(address)", ErrorCode.DAO_NOT_ADMITTED);
        add("AccessControlUnauthorizedAccount(address,bytes32)", ErrorCode.FORBIDDEN);
        add("OwnableUnauthorizedAccount(address)", ErrorCode.FORBIDDEN);
        add("InvalidTerms()", ErrorCode.DAO_INVALID_TERMS);
        add("NotAMember(address)", ErrorCode.DAO_NOT_MEMBER);
        add("ProposalOutsidePolicy(uint256)", ErrorCode.DAO_PROPOSAL_OUTSIDE_POLICY);
        add("GovernorInvalidProposalLength(uint256,uint256,uint256)", ErrorCode.DAO_PROPOSAL_OUTSIDE_POLICY);
        add("QuadraticCreditsExceeded(address,uint256,uint256)", ErrorCode.DAO_CREDITS_EXCEEDED);
        add("QuadraticZeroVotes()", ErrorCode.INVALID_REQUEST);
        add("QuadraticInvalidSupport(uint8)", ErrorCode.INVALID_REQUEST);
        add("GovernorAlreadyCastVote(address)", ErrorCode.DAO_ALREADY_VOTED);
        add("GovernorUnexpectedProposalState(uint256,uint8,bytes32)", ErrorCode.DAO_PROPOSAL_WRONG_STATE);
        add("GovernorNonexistentProposal(uint256)", ErrorCode.DAO_PROPOSAL_WRONG_STATE);
        add("TimelockUnexpectedOperationState(bytes32,bytes32)", ErrorCode.DAO_PROPOSAL_WRONG_STATE);
        add("ERC20InsufficientBalance(address,uint256,uint256)", ErrorCode.DEAL_INSUFFICIENT_FUNDS);
    }

    private DaoReverts() {
    }

    private static void add(String signature, ErrorCode code) {
        String selector = Hash.sha3String(signature).substring(0, 10);
        BY_SELECTOR.put(selector, code);
        NAMES.put(selector, signature.substring(0, signature.indexOf('(')));
    }

    private static String selector(String revertData) {
        return revertData.substring(0, 10).toLowerCase(Locale.ROOT);
    }

    public static Optional<String> name(String revertData) {
        if (revertData == null || revertData.length() < 10) {
            return Optional.empty();
        }
        return Optional.ofNullable(NAMES.get(selector(revertData))).or(() -> ZkReverts.name(revertData));
    }

    public static Optional<ErrorCode> code(String revertData) {
        if (revertData == null || revertData.length() < 10) {
            return Optional.empty();
        }
        return Optional.ofNullable(BY_SELECTOR.get(selector(revertData))).or(() -> ZkReverts.code(revertData));
    }
}
