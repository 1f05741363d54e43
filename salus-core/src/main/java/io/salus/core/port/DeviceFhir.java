package io.salus.core.port;

import io.salus.core.account.AccountId;
import io.salus.core.device.BatchUpload;
import io.salus.core.device.DeviceRegistration;
import io.salus.core.device.ImportFormat;
import io.salus.core.device.Reading;
import java.time.Instant;
import java.util.List;

/**
 * Renders devices and their accepted batches as FHIR R4 JSON (the adapter is in salus-fhir): the {@code Device} linked
 * to the patient, and a batch as a collection Bundle of one {@code Observation} per reading (LOINC, UCUM, the
 * {@code device} reference, the reading's hash as an identifier) and a {@code Provenance} carrying the device's
 * signature. These are the bytes that are sealed. Thread-safe.
 */
public interface DeviceFhir {
    byte[] device(DeviceRegistration registration);

    byte[] batch(DeviceRegistration registration, BatchUpload batch, Instant receivedAt);

    /**
     * Imported readings as a collection Bundle of one {@code Observation} per reading (the reading's hash as its
     * identifier, no device) and a {@code Provenance} naming the import's format, author and time (no signature: an
     * export is not signed at source).
     */
    byte[] imported(AccountId patient, AccountId author, ImportFormat format, List<Reading> readings,
            Instant importedAt);
}
