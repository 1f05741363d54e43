package io.salus.chain.deals.internal;

import io.salus.core.error.ErrorCode;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.web3j.crypto.Hash;

/**
 * The custom errors PaymentToken, DealPolicy and DataDeals revert with, by selector, and the failure code each one means. Immutable
 * and thread-safe.
 */
public final class DealReverts {
    private static final Map<String, ErrorCode> BY_SELECTOR = new HashMap<>();

    static {
        put("AccessControlUnauthorizedAccount(address,bytes32)", ErrorCode.DEAL_NOT_MATCHER);
        put("OwnableUnauthorizedAccount(address)", ErrorCode.FORBIDDEN);
        put("BelowPolicy(bytes32)", ErrorCode.DEAL_BELOW_POLICY);
        put("NotInCohort(uint256)", ErrorCode.DEAL_NOT_IN_COHORT);
        put("AlreadyPaid(address)", ErrorCode.DEAL_ALREADY_PAID);
        put("KeyReleaseMismatch(bool)", ErrorCode.DEAL_INVALID_PAYOUT);
        put("SettlementInProgress(bytes32)", ErrorCode.DEAL_SETTLEMENT_IN_PROGRESS);
        put("DealExists(bytes32)", ErrorCode.DEAL_EXISTS);
        put("UnknownDeal(bytes32)", ErrorCode.DEAL_NOT_FOUND);
        put("InvalidTerms()", ErrorCode.DEAL_INVALID_TERMS);
        put("InvalidSplit(uint256)", ErrorCode.DEAL_INVALID_TERMS);
        put("WrongStatus(bytes32,uint8)", ErrorCode.DEAL_WRONG_STATE);
        put("DeadlinePassed(bytes32,uint64)", ErrorCode.DEAL_DEADLINE_PASSED);
        put("DeadlineNotReached(bytes32,uint64)", ErrorCode.DEAL_DEADLINE_NOT_REACHED);
        put("CohortTooLarge(uint256,uint256)", ErrorCode.DEAL_COHORT_TOO_LARGE);
        put("InvalidCohort()", ErrorCode.DEAL_INVALID_PAYOUT);
        put("PackageMismatch(bytes32,bytes32)", ErrorCode.DEAL_PACKAGE_MISMATCH);
        put("InvalidPayout(uint256)", ErrorCode.DEAL_INVALID_PAYOUT);
        put("AlreadyRefunded(bytes32)", ErrorCode.DEAL_ALREADY_REFUNDED);
        put("NothingToRefund(bytes32)", ErrorCode.DEAL_NOTHING_TO_REFUND);
        put("ERC20InsufficientBalance(address,uint256,uint256)", ErrorCode.DEAL_INSUFFICIENT_FUNDS);
        put("ERC20InsufficientAllowance(address,uint256,uint256)", ErrorCode.DEAL_INSUFFICIENT_FUNDS);
    }

    private DealReverts() {
    }

    private static void put(String signature, ErrorCode code) {
        BY_SELECTOR.put(Hash.sha3String(signature).substring(0, 10), code);
    }

    /** The failure code of revert data ({@code 0x} + selector + arguments), if it is one of the known errors. */
    public static Optional<ErrorCode> code(String revertData) {
        if (revertData == null || revertData.length() < 10) {
            return Optional.empty();
        }
        return Optional.ofNullable(BY_SELECTOR.get(revertData.substring(0, 10).toLowerCase(Locale.ROOT)));
    }
}
