package io.salus.fhir.device;

import ca.uhn.fhir.context.FhirContext;
import io.salus.core.account.AccountId;
import io.salus.core.device.BatchUpload;
import io.salus.core.device.DeviceRegistration;
import io.salus.core.device.ImportFormat;
import io.salus.core.device.Reading;
import io.salus.core.port.DeviceFhir;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;

/** The {@link DeviceFhir} adapter on HAPI FHIR R4 ({@link DeviceBatchBundle}). Thread-safe. */
public final class HapiDeviceFhir implements DeviceFhir {
    private final DeviceBatchBundle bundles;
    private final ImportedReadingsBundle imports;

    public HapiDeviceFhir(FhirContext fhir) {
        this.bundles = new DeviceBatchBundle(fhir);
        this.imports = new ImportedReadingsBundle(fhir);
    }

    @Override
    public byte[] imported(AccountId patient, AccountId author, ImportFormat format, List<Reading> readings,
            Instant importedAt) {
        return imports.json(patient, author, format, readings, importedAt).getBytes(StandardCharsets.UTF_8);
    }

    @Override
    public byte[] device(DeviceRegistration registration) {
        return bundles.deviceJson(registration).getBytes(StandardCharsets.UTF_8);
    }

    @Override
    public byte[] batch(DeviceRegistration registration, BatchUpload batch, Instant receivedAt) {
        return bundles.recordBytes(registration, batch.signed(), batch.readings(), receivedAt);
    }
}
