package io.salus.core.device;

/**
 * What happened to the batches a device offered: accepted, duplicates (re-deliveries, no-ops) and the refusals by
 * kind: forged (the signature does not verify), replayed (an accepted sequence with other content), stale (older
 * than the window), malformed (anything else wrong with a correctly signed batch, including unsupported codes, a
 * future range and a retired device).
 */
public record IntakeCounters(long accepted, long duplicates, long forged, long replayed, long stale,
        long malformed) {
    public static final IntakeCounters ZERO = new IntakeCounters(0, 0, 0, 0, 0, 0);

    public IntakeCounters plusAccepted() {
        return new IntakeCounters(accepted + 1, duplicates, forged, replayed, stale, malformed);
    }

    public IntakeCounters plusDuplicate() {
        return new IntakeCounters(accepted, duplicates + 1, forged, replayed, stale, malformed);
    }

    public IntakeCounters plusForged() {
        return new IntakeCounters(accepted, duplicates, forged + 1, replayed, stale, malformed);
    }

    public IntakeCounters plusReplayed() {
        return new IntakeCounters(accepted, duplicates, forged, replayed + 1, stale, malformed);
    }

    public IntakeCounters plusStale() {
        return new IntakeCounters(accepted, duplicates, forged, replayed, stale + 1, malformed);
    }

    public IntakeCounters plusMalformed() {
        return new IntakeCounters(accepted, duplicates, forged, replayed, stale, malformed + 1);
    }

    /** Every refused batch: forged, replayed, stale and malformed. */
    public long refused() {
        return forged + replayed + stale + malformed;
    }
}
