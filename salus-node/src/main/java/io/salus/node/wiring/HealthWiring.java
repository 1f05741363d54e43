package io.salus.node.wiring;

import ca.uhn.fhir.context.FhirContext;
import io.salus.core.device.DeviceIntake;
import io.salus.core.device.IntakePolicy;
import io.salus.core.monitoring.Escalator;
import io.salus.core.port.AlertDelivery;
import io.salus.core.usecase.device.CohortFeed;
import io.salus.core.usecase.device.DeviceBatches;
import io.salus.core.usecase.device.DeviceService;
import io.salus.core.usecase.device.ReadingImports;
import io.salus.core.usecase.monitoring.AlertService;
import io.salus.core.usecase.monitoring.MonitoringService;
import io.salus.core.usecase.monitoring.PatientDelegations;
import io.salus.crypto.TinkKeyManager;
import io.salus.crypto.device.Ed25519BatchSignatureVerifier;
import io.salus.fhir.device.HapiDeviceFhir;
import io.salus.fhir.imports.ExportReadingImportParser;
import io.salus.fhir.monitoring.HapiAlertFhir;
import io.salus.node.config.NodeSettings;
import io.salus.node.monitoring.WebhookAlertDelivery;
import io.salus.store.PostgresDeviceStore;
import io.salus.store.PostgresMonitoringStore;
import java.time.Clock;
import java.time.Duration;
import java.util.function.Supplier;

/**
 * Wires the health services (issue 18): devices and their batches ({@link PostgresDeviceStore},
 * {@link Ed25519BatchSignatureVerifier}, {@link HapiDeviceFhir}, the intake policy from the settings), and monitoring
 * on the accepted readings ({@link PostgresMonitoringStore}, {@link HapiAlertFhir}, the patient's delegations read
 * from the consent projection synced to the chain head, the escalation step from the settings, the alert webhook
 * {@link WebhookAlertDelivery} when {@code salus.alerts.webhook-url} is set), and reading imports
 * ({@link ExportReadingImportParser}, limits from the settings).
 */
record HealthWiring(DeviceService devices, DeviceBatches batches, HapiDeviceFhir fhir, PostgresDeviceStore store,
        MonitoringService monitoring, AlertService alerts, ReadingImports imports) {
    /** Most readings per imported record. */
    private static final int IMPORT_CHUNK = 5_000;

    static HealthWiring wire(NodeSettings s, Storage storage, ConsentWiring consent, TinkKeyManager keys,
            CohortFeed cohort, Clock clock, Supplier<String> baseUrl) {
        long[] p = s.deviceIntakePolicyValues();
        IntakePolicy policy = new IntakePolicy((int) p[0], (int) p[1], Duration.ofSeconds(p[2]));
        Ed25519BatchSignatureVerifier verifier = new Ed25519BatchSignatureVerifier();
        PostgresDeviceStore store = new PostgresDeviceStore(storage.jdbi(), clock, keys);
        HapiDeviceFhir fhir = new HapiDeviceFhir(FhirContext.forR4Cached());
        PostgresMonitoringStore monitoringStore = new PostgresMonitoringStore(storage.jdbi());
        PatientDelegations delegations = patient -> {
            consent.sync().toHead();
            return storage.consents().delegationsOf(patient);
        };
        MonitoringService monitoring = new MonitoringService(storage.accounts(), monitoringStore, keys,
                new HapiAlertFhir(FhirContext.forR4Cached()), delegations, new Escalator(clock,
                        s.monitoringEscalationStep()),
                clock, s.alertWebhook().<AlertDelivery>map(w -> new WebhookAlertDelivery(w.getKey(), w.getValue(),
                        baseUrl)).orElse(AlertDelivery.NONE));
        AlertService alerts = new AlertService(storage.accounts(), monitoringStore, monitoring, clock);
        DeviceService devices = new DeviceService(storage.accounts(), store, fhir, keys, verifier, policy, clock);
        DeviceBatches batches = new DeviceBatches(storage.accounts(), store, fhir, keys, new DeviceIntake(verifier,
                policy), monitoring, cohort, clock, s.deviceCachedStreams());
        long[] limits = s.importLimits();
        ReadingImports imports = new ReadingImports(storage.accounts(), storage.records(), fhir, keys,
                new ExportReadingImportParser(FhirContext.forR4Cached(), limits[0], (int) limits[1]), cohort, clock,
                IMPORT_CHUNK);
        return new HealthWiring(devices, batches, fhir, store, monitoring, alerts, imports);
    }
}
