package io.salus.fhir.device;

import ca.uhn.fhir.context.FhirContext;
import io.salus.core.device.BatchEncoding;
import io.salus.core.device.DeviceRegistration;
import io.salus.core.device.Reading;
import io.salus.core.device.SignedBatch;
import io.salus.core.device.VitalSign;
import io.salus.core.merkle.Hash32;
import java.nio.ByteBuffer;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.DateTimeType;
import org.hl7.fhir.r4.model.Device;
import org.hl7.fhir.r4.model.Identifier;
import org.hl7.fhir.r4.model.InstantType;
import org.hl7.fhir.r4.model.Observation;
import org.hl7.fhir.r4.model.Patient;
import org.hl7.fhir.r4.model.Period;
import org.hl7.fhir.r4.model.Provenance;
import org.hl7.fhir.r4.model.Quantity;
import org.hl7.fhir.r4.model.Reference;
import org.hl7.fhir.r4.model.Signature;

/**
 * An accepted device batch as a FHIR R4 collection Bundle that the deposit path accepts: the Patient (only the
 * identifiers that tie it to the patient's earlier deposits), the Device, one {@code Observation} per reading (LOINC
 * code, UCUM quantity with the value's own precision, the time of measurement, {@code device} reference, and the
 * reading's hash as an identifier) and one {@code Provenance} whose targets are the observations in batch order, whose
 * agent and signature are the device, and which carries the Ed25519 signature, the batch's time range, its sequence
 * and the encoding version ({@code policy}). From the bundle and the device's public key anyone can rebuild the signed
 * bytes ({@link BatchEncoding#signedBytes}) and verify the signature. Thread-safe (the context is shared and only
 * read).
 */
public final class DeviceBatchBundle {
    public static final String DEVICE_SYSTEM = "urn:salus:device";
    public static final String READING_HASH_SYSTEM = "urn:salus:device-reading-hash";
    public static final String BATCH_SYSTEM = "urn:salus:device-batch";
    public static final String POLICY = "urn:" + BatchEncoding.BATCH_TAG;
    /** The system of a Salus account id (the patient, referenced by identifier in sealed batch records). */
    public static final String ACCOUNT_SYSTEM = "urn:salus:account";
    /** The system of the SHA-256 of a device's Ed25519 public key (the Device's second identifier). */
    public static final String KEY_SYSTEM = "urn:salus:device-key-sha256";
    static final String CATEGORY_SYSTEM = "http://terminology.hl7.org/CodeSystem/observation-category";
    static final String SIGNATURE_TYPE_SYSTEM = "urn:iso-astm:E1762-95:2013";
    static final String AUTHORS_SIGNATURE = "1.2.840.10065.1.12.1.1";

    private final FhirContext fhir;
    private final BatchRecordWriter writer;

    public DeviceBatchBundle(FhirContext fhir) {
        this.fhir = fhir;
        this.writer = new BatchRecordWriter(fhir);
    }

    /**
     * The bundle's JSON.
     *
     * @param patientIdentifiers
     *            the patient's identifiers as {@code system|value} (at least one, shared with earlier deposits)
     * @param receivedAt
     *            when the node accepted the batch ({@code Provenance.recorded})
     */
    public String json(List<String> patientIdentifiers, DeviceRegistration device, SignedBatch batch,
            List<Reading> readings, Instant receivedAt) {
        return fhir.newJsonParser().encodeResourceToString(bundle(patientIdentifiers, device, batch, readings,
                receivedAt));
    }

    public Bundle bundle(List<String> patientIdentifiers, DeviceRegistration device, SignedBatch batch,
            List<Reading> readings, Instant receivedAt) {
        if (readings.size() != batch.readingHashes().size() || patientIdentifiers.isEmpty()) {
            throw new IllegalArgumentException("one reading per signed hash, and at least one patient identifier");
        }
        Bundle b = new Bundle().setType(Bundle.BundleType.COLLECTION);
        String patientUrl = "urn:uuid:" + device.patient();
        Patient patient = new Patient();
        for (String id : patientIdentifiers) {
            int bar = id.indexOf('|');
            patient.addIdentifier(new Identifier().setSystem(id.substring(0, Math.max(0, bar))).setValue(id
                    .substring(bar + 1)));
        }
        b.addEntry().setFullUrl(patientUrl).setResource(patient);
        String deviceUrl = "urn:uuid:" + device.id();
        Device d = new Device().addIdentifier(new Identifier().setSystem(DEVICE_SYSTEM).setValue(device.id()
                .toString())).setPatient(new Reference(patientUrl)).setType(new CodeableConcept().setText(device
                        .kind().name().toLowerCase(Locale.ROOT).replace('_', ' ')));
        b.addEntry().setFullUrl(deviceUrl).setResource(d);
        addReadings(b, device, batch, readings, receivedAt, () -> new Reference(patientUrl),
                () -> new Reference(deviceUrl));
        return b;
    }

    /**
     * The batch as the record that is sealed: a collection Bundle of the Observations and the Provenance only, the
     * patient and the device referenced by identifier ({@value #ACCOUNT_SYSTEM}, {@value #DEVICE_SYSTEM}); the
     * patient's FHIR identifiers are not repeated in every batch, and the Device is its own record. Written by
     * {@link BatchRecordWriter}, byte for byte HAPI's encoding of {@link #recordBundle}.
     */
    public String recordJson(DeviceRegistration device, SignedBatch batch, List<Reading> readings,
            Instant receivedAt) {
        return new String(recordBytes(device, batch, readings, receivedAt), java.nio.charset.StandardCharsets.UTF_8);
    }

    /** {@link #recordJson} as UTF-8 bytes. */
    public byte[] recordBytes(DeviceRegistration device, SignedBatch batch, List<Reading> readings,
            Instant receivedAt) {
        if (readings.size() != batch.readingHashes().size()) {
            throw new IllegalArgumentException("one reading per signed hash");
        }
        List<Reference> targets = new ArrayList<>(readings.size());
        for (Hash32 h : batch.readingHashes()) {
            targets.add(new Reference("urn:uuid:" + uuidOf(h)));
        }
        Bundle.BundleEntryComponent provenance = new Bundle.BundleEntryComponent().setFullUrl("urn:uuid:" + uuidOf(
                batch.contentDigest())).setResource(provenance(device, batch, targets, () -> recordDevice(device),
                        receivedAt));
        return writer.write(recordId(device, batch), device, batch, readings, provenance);
    }

    /** The record as HAPI's model: what {@link #recordBytes} writes. */
    Bundle recordBundle(DeviceRegistration device, SignedBatch batch, List<Reading> readings, Instant receivedAt) {
        Bundle b = new Bundle().setType(Bundle.BundleType.COLLECTION);
        b.setId(recordId(device, batch));
        addReadings(b, device, batch, readings, receivedAt, () -> new Reference().setIdentifier(new Identifier()
                .setSystem(ACCOUNT_SYSTEM).setValue(device.patient().toString())), () -> recordDevice(device));
        return b;
    }

    private static String recordId(DeviceRegistration device, SignedBatch batch) {
        return device.id() + "-" + batch.sequence();
    }

    private static Reference recordDevice(DeviceRegistration device) {
        return new Reference().setIdentifier(new Identifier().setSystem(DEVICE_SYSTEM).setValue(device.id()
                .toString()));
    }

    /** A registered device as a FHIR {@code Device} of the patient: id, key hash, kind and the codes it reports. */
    public String deviceJson(DeviceRegistration device) {
        Device d = new Device();
        d.setId(device.id().toString());
        d.addIdentifier(new Identifier().setSystem(DEVICE_SYSTEM).setValue(device.id().toString()));
        d.addIdentifier(new Identifier().setSystem(KEY_SYSTEM).setValue(io.salus.core.merkle.Hashing.sha256(device
                .publicKey().bytes()).hex()));
        d.setStatus(device.retiredAt().isPresent() ? Device.FHIRDeviceStatus.INACTIVE : Device.FHIRDeviceStatus.ACTIVE);
        d.setPatient(new Reference().setIdentifier(new Identifier().setSystem(ACCOUNT_SYSTEM).setValue(device
                .patient().toString())));
        d.setType(new CodeableConcept().setText(device.kind().name().toLowerCase(Locale.ROOT).replace('_', ' ')));
        device.measures().stream().sorted().forEach(v -> d.addProperty().setType(new CodeableConcept().addCoding(
                new Coding(VitalSign.LOINC_SYSTEM, v.loinc(), v.display()))));
        return fhir.newJsonParser().encodeResourceToString(d);
    }

    private static void addReadings(Bundle b, DeviceRegistration device, SignedBatch batch, List<Reading> readings,
            Instant receivedAt, java.util.function.Supplier<Reference> patient,
            java.util.function.Supplier<Reference> deviceRef) {
        List<Reference> targets = new ArrayList<>();
        for (int i = 0; i < readings.size(); i++) {
            String url = "urn:uuid:" + uuidOf(batch.readingHashes().get(i));
            b.addEntry().setFullUrl(url).setResource(observation(readings.get(i), batch.readingHashes().get(i),
                    patient.get(), deviceRef.get()));
            targets.add(new Reference(url));
        }
        b.addEntry().setFullUrl("urn:uuid:" + uuidOf(batch.contentDigest())).setResource(provenance(device, batch,
                targets, deviceRef, receivedAt));
    }

    static Observation observation(Reading r, Hash32 hash, Reference subject, Reference device) {
        VitalSign sign = VitalSign.byLoinc(r.loinc()).orElseThrow(() -> new IllegalArgumentException(
                "not a supported vital sign: " + r.loinc()));
        Observation o = new Observation().setStatus(Observation.ObservationStatus.FINAL);
        o.addIdentifier().setSystem(READING_HASH_SYSTEM).setValue(hash.hex());
        o.addCategory().addCoding(new Coding(CATEGORY_SYSTEM, sign.category(), null));
        o.setCode(new CodeableConcept().addCoding(new Coding(VitalSign.LOINC_SYSTEM, sign.loinc(), sign.display())));
        o.setSubject(subject).setDevice(device);
        o.setEffective(new DateTimeType(r.at().toString()));
        o.setValue(new Quantity().setValue(r.value()).setUnit(r.unit()).setSystem(VitalSign.UCUM_SYSTEM).setCode(r
                .unit()));
        return o;
    }

    private static Provenance provenance(DeviceRegistration device, SignedBatch batch, List<Reference> targets,
            java.util.function.Supplier<Reference> deviceRef, Instant receivedAt) {
        Provenance p = new Provenance().setTarget(targets).setRecordedElement(new InstantType(Date.from(
                receivedAt)));
        p.setOccurred(new Period().setStartElement(new DateTimeType(batch.from().toString())).setEndElement(
                new DateTimeType(batch.to().toString())));
        p.addPolicy(POLICY);
        p.addAgent().setWho(deviceRef.get()).setType(new CodeableConcept().addCoding(new Coding(
                "http://terminology.hl7.org/CodeSystem/provenance-participant-type", "author", "Author")));
        p.addEntity().setRole(Provenance.ProvenanceEntityRole.SOURCE).setWhat(new Reference().setIdentifier(
                new Identifier().setSystem(BATCH_SYSTEM).setValue(device.id() + "/" + batch.sequence())));
        Signature s = new Signature().addType(new Coding(SIGNATURE_TYPE_SYSTEM, AUTHORS_SIGNATURE,
                "Author's Signature")).setWhen(Date.from(receivedAt)).setWho(deviceRef.get());
        s.setTargetFormat("application/octet-stream").setData(batch.signature().bytes());
        p.addSignature(s);
        return p;
    }

    /** A stable id for a resource built from a hash (the first 16 bytes). */
    static UUID uuidOf(Hash32 h) {
        ByteBuffer b = ByteBuffer.wrap(h.bytes());
        return new UUID(b.getLong(), b.getLong());
    }
}
