package io.salus.fhir;

import com.fasterxml.jackson.core.JsonEncoding;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.UUID;
import java.util.regex.Pattern;

/**
 * Streams a FHIR R4 Bundle of type {@code collection} (a patient's export): the Bundle's header, then one entry per
 * resource as it is added, then the closing brackets. Resources are the canonical JSON HAPI produced when they were
 * deposited and are copied verbatim, so nothing but the current entry is held in memory. An entry's {@code fullUrl} is
 * {@code urn:uuid:<resource id>} when the resource id is a UUID (as in Synthea bundles, whose references then resolve
 * inside the export), otherwise {@code urn:uuid:<Salus record id>}. Not thread-safe: one writer per export.
 */
public final class ExportBundleWriter implements AutoCloseable {
    private static final Pattern UUID_TEXT = Pattern
            .compile("[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}");
    private final JsonGenerator json;
    private int entries;

    /** Starts the Bundle on {@code out} (which the writer does not close). */
    public ExportBundleWriter(OutputStream out, UUID bundleId, Instant timestamp) {
        try {
            this.json = new JsonFactory().createGenerator(out, JsonEncoding.UTF8)
                    .disable(JsonGenerator.Feature.AUTO_CLOSE_TARGET);
            json.writeStartObject();
            json.writeStringField("resourceType", "Bundle");
            json.writeStringField("id", bundleId.toString());
            json.writeStringField("type", "collection");
            json.writeStringField("timestamp", timestamp.truncatedTo(ChronoUnit.MILLIS).toString());
            json.writeArrayFieldStart("entry");
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start the export bundle", e);
        }
    }

    /** Appends one resource (its JSON exactly as stored) under the given ids. */
    public void add(String fhirId, UUID recordId, byte[] resourceJson) {
        String fullUrl = "urn:uuid:" + (fhirId != null && UUID_TEXT.matcher(fhirId).matches() ? fhirId : recordId);
        try {
            json.writeStartObject();
            json.writeStringField("fullUrl", fullUrl);
            json.writeFieldName("resource");
            json.writeRawValue(new String(resourceJson, StandardCharsets.UTF_8));
            json.writeEndObject();
            entries++;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write an export entry", e);
        }
    }

    public int entries() {
        return entries;
    }

    /** Closes the entry array and the Bundle and flushes. */
    @Override
    public void close() {
        try {
            json.writeEndArray();
            json.writeEndObject();
            json.close();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot finish the export bundle", e);
        }
    }
}
