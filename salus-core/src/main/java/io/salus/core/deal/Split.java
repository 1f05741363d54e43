package io.salus.core.deal;

import io.salus.core.error.ErrorCode;
import io.salus.core.error.Result;

/**
 * How each patient's price is divided among the roles, in basis points that sum to {@link #TOTAL_BPS}. The DataDeals
 * contract refuses a deal whose split does not. Immutable.
 */
public record Split(int patient, int providers, int caregiver, int daoTreasury, int operator) {
    public static final int TOTAL_BPS = 10_000;

    public Split {
        if (!valid(patient, providers, caregiver, daoTreasury, operator)) {
            throw new IllegalArgumentException("a split is five basis-point shares from 0 to 10,000 summing to 10,000");
        }
    }

    /** The split, or {@code DEAL_INVALID_TERMS} if a share is negative or they do not sum to 10,000. */
    public static Result<Split> of(int patient, int providers, int caregiver, int daoTreasury, int operator) {
        if (!valid(patient, providers, caregiver, daoTreasury, operator)) {
            return Result.fail(ErrorCode.DEAL_INVALID_TERMS, "the split's basis points must each be 0..10000 and sum "
                    + "to 10000; got patient " + patient + ", providers " + providers + ", caregiver " + caregiver
                    + ", daoTreasury " + daoTreasury + ", operator " + operator + " (sum "
                    + ((long) patient + providers + caregiver + daoTreasury + operator) + ")");
        }
        return Result.ok(new Split(patient, providers, caregiver, daoTreasury, operator));
    }

    /** The basis points of a role. */
    public int bps(Role role) {
        return switch (role) {
            case PATIENT -> patient;
            case PROVIDER -> providers;
            case CAREGIVER -> caregiver;
            case DAO_TREASURY -> daoTreasury;
            case OPERATOR -> operator;
        };
    }

    private static boolean valid(int... bps) {
        long sum = 0;
        for (int b : bps) {
            if (b < 0 || b > TOTAL_BPS) {
                return false;
            }
            sum += b;
        }
        return sum == TOTAL_BPS;
    }
}
