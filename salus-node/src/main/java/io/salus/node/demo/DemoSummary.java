package io.salus.node.demo;

import java.util.List;
import java.util.Map;

/**
 * What the demo prints at the end. {@code records} is the store at the end; {@code verifiable} the records held when
 * the proofs were checked (after anchoring, before the stories that deposit more), of which {@code verified} passed;
 * {@code storyLines} the result lines of the stories printed again after the summary (the claim story's).
 */
public record DemoSummary(int patients, int deposits, int replayedDeposits, long records,
        Map<String, Long> recordsByCategory, long batches, long anchoredBatches, long anchorGas, long verifiable,
        long verified, long failedVerification, String samplePatientId, String samplePatientToken,
        String sampleRecordId,
        Map<String, String> portalSignIns, String smartClientId, List<String> storyLines) {

    public DemoSummary {
        portalSignIns = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(portalSignIns));
        storyLines = List.copyOf(storyLines);
    }

    public double gasPerRecord() {
        return records == 0 ? 0 : (double) anchorGas / records;
    }
}
