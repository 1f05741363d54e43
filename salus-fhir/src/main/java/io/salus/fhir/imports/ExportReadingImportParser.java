package io.salus.fhir.imports;

import ca.uhn.fhir.context.FhirContext;
import io.salus.core.device.ImportFormat;
import io.salus.core.device.ImportedReadings;
import io.salus.core.error.ErrorCode;
import io.salus.core.error.Failure;
import io.salus.core.error.Result;
import io.salus.core.port.ReadingImportParser;

/**
 * The {@link ReadingImportParser} adapter: Apple Health {@code export.xml} streamed with StAX
 * ({@link AppleHealthExport}), FHIR Bundles of Observations with HAPI ({@link ObservationBundleImport}); a file past
 * {@code maxBytes} or {@code maxReadings} is refused {@code IMPORT_TOO_LARGE} as soon as the limit is crossed.
 * Thread-safe.
 */
public final class ExportReadingImportParser implements ReadingImportParser {
    private final AppleHealthExport apple;
    private final ObservationBundleImport bundles;
    private final long maxBytes;

    public ExportReadingImportParser(FhirContext fhir, long maxBytes, int maxReadings) {
        this.apple = new AppleHealthExport(maxReadings);
        this.bundles = new ObservationBundleImport(fhir, maxReadings);
        this.maxBytes = maxBytes;
    }

    @Override
    public Result<ImportedReadings> parse(ImportFormat format, ByteSource in) {
        LimitedSource limited = new LimitedSource(in, maxBytes);
        try {
            return switch (format) {
                case APPLE_HEALTH -> apple.parse(limited);
                case FHIR_BUNDLE -> bundles.parse(limited);
            };
        } catch (LimitedSource.TooLarge e) {
            return Result.fail(Failure.of(ErrorCode.IMPORT_TOO_LARGE, e.getMessage(), "file"));
        }
    }
}
