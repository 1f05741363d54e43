package io.salus.fhir.device;

import ca.uhn.fhir.context.FhirContext;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import io.salus.core.device.DeviceRegistration;
import io.salus.core.device.Reading;
import io.salus.core.device.SignedBatch;
import io.salus.core.device.VitalSign;
import io.salus.core.merkle.Hash32;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import org.hl7.fhir.r4.model.Bundle;

/**
 * Writes a device batch's record ({@link DeviceBatchBundle#recordBundle}) as JSON without building HAPI's model of every
 * Observation: the Observations, all of one fixed shape, are streamed with Jackson in the order and form HAPI's
 * encoder gives them (FHIR R4 element order, compact, the value's own decimal), and only the one Provenance is
 * encoded by HAPI. The bytes equal HAPI's encoding of the same Bundle (checked by {@code BatchRecordWriterTest} on
 * every supported vital sign and unit); profiling the wired intake showed HAPI's encoding of the Observations as half
 * of a batch's cost. Thread-safe.
 */
final class BatchRecordWriter {
    private static final JsonFactory JSON = new JsonFactory();
    private final FhirContext fhir;

    BatchRecordWriter(FhirContext fhir) {
        this.fhir = fhir;
    }

    byte[] write(String bundleId, DeviceRegistration device, SignedBatch batch, List<Reading> readings,
            Bundle.BundleEntryComponent provenance) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(512 * readings.size() + 2048);
        try (JsonGenerator g = JSON.createGenerator(out)) {
            g.writeStartObject();
            g.writeStringField("resourceType", "Bundle");
            g.writeStringField("id", bundleId);
            g.writeStringField("type", "collection");
            g.writeArrayFieldStart("entry");
            String patient = device.patient().toString();
            String deviceId = device.id().toString();
            for (int i = 0; i < readings.size(); i++) {
                Hash32 hash = batch.readingHashes().get(i);
                g.writeStartObject();
                g.writeStringField("fullUrl", "urn:uuid:" + DeviceBatchBundle.uuidOf(hash));
                g.writeFieldName("resource");
                observation(g, readings.get(i), hash, patient, deviceId);
                g.writeEndObject();
            }
            g.writeStartObject();
            g.writeStringField("fullUrl", provenance.getFullUrl());
            g.writeFieldName("resource");
            g.writeRawValue(fhir.newJsonParser().encodeResourceToString(provenance.getResource()));
            g.writeEndObject();
            g.writeEndArray();
            g.writeEndObject();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    private static void observation(JsonGenerator g, Reading r, Hash32 hash, String patient, String device)
            throws IOException {
        VitalSign sign = VitalSign.byLoinc(r.loinc()).orElseThrow(() -> new IllegalArgumentException(
                "not a supported vital sign: " + r.loinc()));
        g.writeStartObject();
        g.writeStringField("resourceType", "Observation");
        g.writeArrayFieldStart("identifier");
        systemValue(g, DeviceBatchBundle.READING_HASH_SYSTEM, hash.hex());
        g.writeEndArray();
        g.writeStringField("status", "final");
        g.writeArrayFieldStart("category");
        g.writeStartObject();
        g.writeArrayFieldStart("coding");
        g.writeStartObject();
        g.writeStringField("system", DeviceBatchBundle.CATEGORY_SYSTEM);
        g.writeStringField("code", sign.category());
        g.writeEndObject();
        g.writeEndArray();
        g.writeEndObject();
        g.writeEndArray();
        g.writeObjectFieldStart("code");
        g.writeArrayFieldStart("coding");
        g.writeStartObject();
        g.writeStringField("system", VitalSign.LOINC_SYSTEM);
        g.writeStringField("code", sign.loinc());
        g.writeStringField("display", sign.display());
        g.writeEndObject();
        g.writeEndArray();
        g.writeEndObject();
        byIdentifier(g, "subject", DeviceBatchBundle.ACCOUNT_SYSTEM, patient);
        g.writeStringField("effectiveDateTime", r.at().toString());
        g.writeObjectFieldStart("valueQuantity");
        g.writeFieldName("value");
        g.writeNumber(r.value());
        g.writeStringField("unit", r.unit());
        g.writeStringField("system", VitalSign.UCUM_SYSTEM);
        g.writeStringField("code", r.unit());
        g.writeEndObject();
        byIdentifier(g, "device", DeviceBatchBundle.DEVICE_SYSTEM, device);
        g.writeEndObject();
    }

    private static void byIdentifier(JsonGenerator g, String field, String system, String value) throws IOException {
        g.writeObjectFieldStart(field);
        g.writeFieldName("identifier");
        systemValue(g, system, value);
        g.writeEndObject();
    }

    private static void systemValue(JsonGenerator g, String system, String value) throws IOException {
        g.writeStartObject();
        g.writeStringField("system", system);
        g.writeStringField("value", value);
        g.writeEndObject();
    }
}
