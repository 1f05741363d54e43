package io.salus.fhir.device;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import ca.uhn.fhir.context.FhirContext;
import io.salus.core.account.AccountId;
import io.salus.core.device.BatchEncoding;
import io.salus.core.device.BatchUpload;
import io.salus.core.device.DeviceId;
import io.salus.core.device.DeviceKind;
import io.salus.core.device.DeviceRegistration;
import io.salus.core.device.Ed25519Signature;
import io.salus.core.device.Reading;
import io.salus.core.device.VitalSign;
import io.salus.core.merkle.Hash32;
import io.salus.core.port.BundleParser.ParsedBundle;
import io.salus.core.port.BundleParser.ParsedResource;
import io.salus.core.record.Category;
import io.salus.crypto.device.Ed25519BatchSignatureVerifier;
import io.salus.crypto.device.Ed25519DeviceKey;
import io.salus.core.cohort.Feature;
import io.salus.fhir.FeatureExtractor;
import io.salus.fhir.HapiBundleParser;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.Device;
import org.hl7.fhir.r4.model.Observation;
import org.hl7.fhir.r4.model.Provenance;
import org.hl7.fhir.r4.model.Quantity;
import org.hl7.fhir.r4.model.Reference;
import org.hl7.fhir.r4.model.Resource;
import org.junit.jupiter.api.Test;

class DeviceBatchBundleTest {
    private static final FhirContext FHIR = FhirContext.forR4();
    private static final Instant T = Instant.parse("2026-03-01T08:30:00.123456789Z");
    private final Ed25519DeviceKey key = Ed25519DeviceKey.generate(new SecureRandom());
    private final DeviceRegistration device = new DeviceRegistration(new DeviceId(UUID.randomUUID()),
            new AccountId(UUID.randomUUID()), new AccountId(UUID.randomUUID()), key.publicKey(),
            DeviceKind.GLUCOSE_METER, EnumSet.of(VitalSign.GLUCOSE_MOLES, VitalSign.HEART_RATE), T,
            Optional.empty());
    private final List<Reading> readings = List.of(Reading.of(VitalSign.GLUCOSE_MOLES, "3.90", "mmol/L", T),
            Reading.of(VitalSign.HEART_RATE, "72", "/min", T.plusSeconds(5)));
    private final BatchUpload upload = key.signBatch(device.id(), 42, readings);
    private final String json = new DeviceBatchBundle(FHIR).json(List.of("urn:oid:2.16.840.1.113883.19.5|MRN-7"),
            device, upload.signed(), readings, T.plusSeconds(60));

    @Test
    void theBundlePassesTheDepositRules_readingsBecomeVitalSignAndLabRecords() {
        ParsedBundle parsed = new HapiBundleParser().parse(json.getBytes(StandardCharsets.UTF_8)).orElseThrow();
        assertThat(parsed.patientIdentifiers()).contains("urn:oid:2.16.840.1.113883.19.5|MRN-7");
        assertThat(parsed.resources()).extracting(ParsedResource::resourceType, ParsedResource::category)
                .containsExactly(tuple("Patient", Category.DEMOGRAPHICS),
                        tuple("Device", Category.DEVICES),
                        tuple("Observation", Category.LAB_RESULTS),
                        tuple("Observation", Category.VITAL_SIGNS),
                        tuple("Provenance", Category.ENCOUNTERS));
    }

    @Test
    void observationsCarryLoincUcumTheValuesPrecisionTheTimeAndTheDevice() {
        Bundle b = FHIR.newJsonParser().parseResource(Bundle.class, json);
        Observation glucose = (Observation) b.getEntry().get(2).getResource();
        assertThat(glucose.getCode().getCodingFirstRep().getSystem()).isEqualTo("http://loinc.org");
        assertThat(glucose.getCode().getCodingFirstRep().getCode()).isEqualTo("15074-8");
        Quantity q = glucose.getValueQuantity();
        assertThat(q.getValue().toPlainString()).isEqualTo("3.90");
        assertThat(List.of(q.getSystem(), q.getCode())).containsExactly("http://unitsofmeasure.org", "mmol/L");
        assertThat(glucose.getEffectiveDateTimeType().getValueAsString()).isEqualTo("2026-03-01T08:30:00.123456789Z");
        assertThat(glucose.getDevice().getReference()).isEqualTo("urn:uuid:" + device.id());
        assertThat(glucose.getCategoryFirstRep().getCodingFirstRep().getCode()).isEqualTo("laboratory");
    }

    @Test
    void anyoneWithTheBundleAndTheDevicesKey_canReverifyTheSignature() {
        assertThat(reverify(json)).isTrue();
    }

    @Test
    void aValueChangedInTheBundle_noLongerVerifies() {
        assertThat(reverify(json.replace("\"value\":72", "\"value\":52"))).isFalse();
    }

    /** Rebuilds the signed bytes from the FHIR resources alone and checks the signature with the device's key. */
    private boolean reverify(String bundleJson) {
        Bundle b = FHIR.newJsonParser().parseResource(Bundle.class, bundleJson);
        Provenance p = (Provenance) only(b, Provenance.class);
        Device d = (Device) only(b, Device.class);
        List<Hash32> hashes = new ArrayList<>();
        for (Reference target : p.getTarget()) {
            Observation o = (Observation) b.getEntry().stream().filter(e -> e.getFullUrl().equals(target
                    .getReference())).findFirst().orElseThrow().getResource();
            Quantity q = o.getValueQuantity();
            hashes.add(new Reading(o.getCode().getCodingFirstRep().getCode(), q.getValue(), q.getCode(), Instant.parse(o
                    .getEffectiveDateTimeType().getValueAsString())).hash());
        }
        String batch = p.getEntityFirstRep().getWhat().getIdentifier().getValue();
        long sequence = Long.parseLong(batch.substring(batch.indexOf('/') + 1));
        DeviceId id = DeviceId.parse(d.getIdentifierFirstRep().getValue()).orElseThrow();
        byte[] signed = BatchEncoding.signedBytes(id, sequence, Instant.parse(p.getOccurredPeriod()
                .getStartElement().getValueAsString()), Instant.parse(
                        p.getOccurredPeriod().getEndElement()
                                .getValueAsString()),
                hashes);
        assertThat(p.getPolicy().get(0).getValue()).isEqualTo("urn:salus:device-batch:v1");
        return new Ed25519BatchSignatureVerifier().verifies(device.publicKey(), signed, Ed25519Signature.of(p
                .getSignatureFirstRep().getData()));
    }

    private static Resource only(Bundle b, Class<? extends Resource> type) {
        return b.getEntry().stream().map(Bundle.BundleEntryComponent::getResource).filter(type::isInstance)
                .findFirst().orElseThrow();
    }

    @Test
    void theBatchRecordsCohortFeatures_areItsReadings_asADepositOfTheObservationsWouldGiveThem() {
        FeatureExtractor extractor = new FeatureExtractor();
        List<Feature> fromBundle = extractor.features("Bundle", json.getBytes(StandardCharsets.UTF_8));
        assertThat(fromBundle).extracting(Feature::code, Feature::value, Feature::unit).containsExactly(tuple(
                "15074-8", Optional.of(3.9), Optional.of("mmol/L")),
                tuple("8867-4", Optional.of(72.0), Optional.of(
                        "/min")));
        List<Feature> fromObservations = new ArrayList<>();
        for (ParsedResource r : new HapiBundleParser().parse(json.getBytes(StandardCharsets.UTF_8)).orElseThrow()
                .resources()) {
            fromObservations.addAll(extractor.features(r.resourceType(), r.json()));
        }
        assertThat(fromBundle).isEqualTo(fromObservations);
    }
}
