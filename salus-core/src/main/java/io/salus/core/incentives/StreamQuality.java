package io.salus.core.incentives;

/**
 * How complete and continuous a depositor's device streams were in a period: readings received against readings
 * expected (from the devices' reporting intervals), and days with at least one reading against the period's days.
 */
public record StreamQuality(long expectedReadings, long receivedReadings, int periodDays, int daysWithData) {
    public static final int FULL = 10_000;

    /** Received over expected, in basis points, at most 10,000 (more readings than expected earn nothing extra). */
    public int completenessBps() {
        if (expectedReadings <= 0) {
            return 0;
        }
        return (int) Math.min(FULL, (long) ((double) receivedReadings / expectedReadings * FULL));
    }

    /** Days with data over the period's days, in basis points. */
    public int continuityBps() {
        return periodDays <= 0 ? 0 : (int) ((long) daysWithData * FULL / periodDays);
    }

    /** Completeness × continuity, in basis points: only a stream both complete and continuous earns the full bonus. */
    public int qualityBps() {
        return (int) ((long) completenessBps() * continuityBps() / FULL);
    }

    boolean valid() {
        return expectedReadings >= 0 && receivedReadings >= 0 && periodDays >= 1 && daysWithData >= 0
                && daysWithData <= periodDays;
    }
}
