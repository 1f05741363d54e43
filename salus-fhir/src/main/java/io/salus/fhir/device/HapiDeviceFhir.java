package io.salus.fhir.device;

import ca.uhn.fhir.context.FhirContext;
import io.salus.core.device.BatchUpload;
import io.salus.core.device.DeviceRegistration;
import io.salus.core.port.DeviceFhir;
import java.nio.charset.StandardCharsets;
import java.time.Instant;

/** The {@link DeviceFhir} adapter on HAPI FHIR R4 ({@link DeviceBatchBundle}). Thread-safe. */
public final class HapiDeviceFhir implements DeviceFhir {
    private final DeviceBatchBundle bundles;

    public HapiDeviceFhir(FhirContext fhir) {
        this.bundles = new DeviceBatchBundle(fhir);
    }

    @Override
    public byte[] device(DeviceRegistration registration) {
        return bundles.deviceJson(registration).getBytes(StandardCharsets.UTF_8);
    }

    @Override
    public byte[] batch(DeviceRegistration registration, BatchUpload batch, Instant receivedAt) {
        return bundles.recordJson(registration, batch.signed(), batch.readings(), receivedAt)
                .getBytes(StandardCharsets.UTF_8);
    }
}
