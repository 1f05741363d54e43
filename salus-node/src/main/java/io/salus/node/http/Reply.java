package io.salus.node.http;

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
}
