package io.salus.core.device;

import java.util.List;
import java.util.Map;

/**
 * What an import file held: its readings (LOINC, UCUM, in file order) and, per type the node does not take, how many
 * entries were skipped (e.g. {@code HKQuantityTypeIdentifierActiveEnergyBurned: 1200}).
 */
public record ImportedReadings(ImportFormat format, List<Reading> readings, Map<String, Integer> skipped) {
    public ImportedReadings {
        readings = List.copyOf(readings);
        skipped = Map.copyOf(skipped);
    }
}
