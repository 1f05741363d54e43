package io.salus.core.incentives;

/**
 * What a period's credits are paid from; nothing else is paid. The holding pool is the allocation the patient DAO's
 * treasury made for the period (itself fed by the DAO share of settled deals); the utilisation pool is the period's
 * deal fees set aside for utilisation rewards. Both in credit units (the payment token's smallest unit).
 */
public record PeriodFunding(long holdingPool, long utilisationPool) {
    public long total() {
        return holdingPool + utilisationPool;
    }
}
