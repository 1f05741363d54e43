package io.salus.chain.dao.internal;

import io.salus.chain.zk.internal.ErrorTable;
import io.salus.chain.zk.internal.ZkReverts;
import io.salus.core.error.ErrorCode;
import java.util.Map;

/**
 * The custom errors of the DAO contracts (and of OpenZeppelin's Governor, TimelockController and ERC-721 beneath them)
 * and the failure code each means; AttributeGate's errors (a proof refused on joining) are {@link ZkReverts}'.
 * Immutable and thread-safe.
 */
public final class DaoReverts {
    public static final ErrorTable TABLE = ErrorTable.of(Map.ofEntries(
            Map.entry("Soulbound(uint256)", ErrorCode.DAO_MEMBERSHIP_SOULBOUND),
            Map.entry("AlreadyMember(address)", ErrorCode.DAO_ALREADY_MEMBER),
            Map.entry("PersonAlreadyMember(bytes32)", ErrorCode.DAO_ALREADY_MEMBER),
            Map.entry("WrongAdmissionPath()", ErrorCode.DAO_WRONG_ADMISSION_PATH),
            Map.entry("InvalidPersonKey()", ErrorCode.INVALID_REQUEST),
            Map.entry("NotAdmitted(address)", ErrorCode.DAO_NOT_ADMITTED),
            Map.entry("AccessControlUnauthorizedAccount(address,bytes32)", ErrorCode.FORBIDDEN),
            Map.entry("OwnableUnauthorizedAccount(address)", ErrorCode.FORBIDDEN),
            Map.entry("InvalidTerms()", ErrorCode.DAO_INVALID_TERMS),
            Map.entry("NotAMember(address)", ErrorCode.DAO_NOT_MEMBER),
            Map.entry("ProposalOutsidePolicy(uint256)", ErrorCode.DAO_PROPOSAL_OUTSIDE_POLICY),
            Map.entry("GovernorInvalidProposalLength(uint256,uint256,uint256)",
                    ErrorCode.DAO_PROPOSAL_OUTSIDE_POLICY),
            Map.entry("QuadraticCreditsExceeded(address,uint256,uint256)", ErrorCode.DAO_CREDITS_EXCEEDED),
            Map.entry("QuadraticZeroVotes()", ErrorCode.INVALID_REQUEST),
            Map.entry("QuadraticInvalidSupport(uint8)", ErrorCode.INVALID_REQUEST),
            Map.entry("GovernorAlreadyCastVote(address)", ErrorCode.DAO_ALREADY_VOTED),
            Map.entry("GovernorUnexpectedProposalState(uint256,uint8,bytes32)", ErrorCode.DAO_PROPOSAL_WRONG_STATE),
            Map.entry("GovernorNonexistentProposal(uint256)", ErrorCode.DAO_PROPOSAL_WRONG_STATE),
            Map.entry("TimelockUnexpectedOperationState(bytes32,bytes32)", ErrorCode.DAO_PROPOSAL_WRONG_STATE),
            Map.entry("ERC20InsufficientBalance(address,uint256,uint256)", ErrorCode.DEAL_INSUFFICIENT_FUNDS)))
            .orElse(ZkReverts.TABLE);

    private DaoReverts() {
    }
}
