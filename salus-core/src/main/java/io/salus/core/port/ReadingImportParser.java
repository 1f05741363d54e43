package io.salus.core.port;

import io.salus.core.device.ImportFormat;
import io.salus.core.device.ImportedReadings;
import io.salus.core.error.Result;

/**
 * Reads an export file into readings, streaming (the adapter is in salus-fhir): supported types mapped to LOINC and
 * UCUM, other types skipped and counted; a malformed or hostile file (DTD, entities, too large) refused with
 * {@code IMPORT_*} and the place it failed; a reading of a supported type in a unit it is not measured in refused
 * ({@code IMPORT_WRONG_UNIT}). Thread-safe.
 */
public interface ReadingImportParser {
    Result<ImportedReadings> parse(ImportFormat format, ByteSource in);

    /** The file's bytes, read as a stream ({@code -1} at the end); failures are unchecked. */
    @FunctionalInterface
    interface ByteSource {
        int read(byte[] buffer, int offset, int length);
    }
}
