package io.salus.core.incentives;

import io.salus.core.account.AccountId;

/**
 * One depositor's credits for a period, with how they were reached: volume units (from records held), stream quality
 * (basis points), the resulting weight, the holding credits and the utilisation credits.
 */
public record Credit(AccountId depositor, long volumeUnits, int qualityBps, long weight, long holding,
        long utilisation) {
    public long total() {
        return holding + utilisation;
    }
}
