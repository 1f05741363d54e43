package io.salus.node.wiring;

import ca.uhn.fhir.context.FhirContext;
import io.salus.core.device.DeviceIntake;
import io.salus.core.device.IntakePolicy;
import io.salus.core.usecase.device.DeviceBatches;
import io.salus.core.usecase.device.DeviceService;
import io.salus.core.usecase.device.MeasurementSink;
import io.salus.crypto.TinkKeyManager;
import io.salus.crypto.device.Ed25519BatchSignatureVerifier;
import io.salus.fhir.device.HapiDeviceFhir;
import io.salus.node.config.NodeSettings;
import io.salus.store.PostgresDeviceStore;
import java.time.Clock;
import java.time.Duration;

/**
 * Wires the health services (issue 18): devices and their batches ({@link PostgresDeviceStore},
 * {@link Ed25519BatchSignatureVerifier}, {@link HapiDeviceFhir}, the intake policy from the settings).
 */
record HealthWiring(DeviceService devices, DeviceBatches batches, HapiDeviceFhir fhir, PostgresDeviceStore store) {

    static HealthWiring wire(NodeSettings s, Storage storage, TinkKeyManager keys, Clock clock) {
        long[] p = s.deviceIntakePolicyValues();
        IntakePolicy policy = new IntakePolicy((int) p[0], (int) p[1], Duration.ofSeconds(p[2]));
        Ed25519BatchSignatureVerifier verifier = new Ed25519BatchSignatureVerifier();
        PostgresDeviceStore store = new PostgresDeviceStore(storage.jdbi(), clock);
        HapiDeviceFhir fhir = new HapiDeviceFhir(FhirContext.forR4());
        DeviceService devices = new DeviceService(storage.accounts(), store, fhir, keys, verifier, policy, clock);
        DeviceBatches batches = new DeviceBatches(storage.accounts(), store, fhir, keys, new DeviceIntake(verifier,
                policy), MeasurementSink.NONE, clock, s.deviceCachedStreams());
        return new HealthWiring(devices, batches, fhir, store);
    }
}
