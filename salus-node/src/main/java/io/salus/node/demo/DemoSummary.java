package io.salus.node.demo;

import java.util.Map;

/** What the demo prints at the end. */
public record DemoSummary(int patients, int deposits, int replayedDeposits, long records,
        Map<String, Long> recordsByCategory, long batches, long anchoredBatches, long anchorGas, long verified,
        long failedVerification, String samplePatientId, String samplePatientToken, String sampleRecordId,
        Map<String, String> portalSignIns, String smartClientId) {

    public DemoSummary {
        portalSignIns = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(portalSignIns));
    }

    public double gasPerRecord() {
        return records == 0 ? 0 : (double) anchorGas / records;
    }
}
