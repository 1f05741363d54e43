package io.salus.node.http;

/** A route of the HTTP API, as registered with the server and as the OpenAPI document must list it. */
public record ApiRoute(String method, String path) {
    /** The OpenAPI spelling of the path ({@code {id}} for Javalin's {@code {id}}: the same). */
    public String openApiPath() {
        return path;
    }
}
