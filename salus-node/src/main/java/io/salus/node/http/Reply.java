package io.salus.node.http;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;

/** A successful response: status, content type and a body (a value to serialise as JSON, or raw bytes). */
public record Reply(int status, String contentType, Object body) {
    public static Reply json(int status, Object body) {
        return new Reply(status, "application/json", body);
    }

    public static Reply ok(Object body) {
        return json(200, body);
    }

    public static Reply raw(int status, String contentType, byte[] body) {
        return new Reply(status, contentType, body);
    }

    /** A FHIR {@code collection} Bundle of the given resources (FHIR JSON each). */
    public static Reply fhirCollection(List<byte[]> resources) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes("{\"resourceType\":\"Bundle\",\"type\":\"collection\",\"entry\":[".getBytes(
                StandardCharsets.UTF_8));
        for (int i = 0; i < resources.size(); i++) {
            out.writeBytes((i == 0 ? "{\"resource\":" : ",{\"resource\":").getBytes(StandardCharsets.UTF_8));
            out.writeBytes(resources.get(i));
            out.write('}');
        }
        out.writeBytes("]}".getBytes(StandardCharsets.UTF_8));
        return raw(200, "application/fhir+json", out.toByteArray());
    }
}
