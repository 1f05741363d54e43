package io.salus.node.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectWriter;
import io.salus.node.http.Json;
import io.salus.platform.AtomicFiles;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import picocli.CommandLine.Option;

/** Options and calls shared by the commands that talk to a running node's API. */
final class ApiClient {
    @Option(names = "--url", defaultValue = "${env:SALUS_URL:-http://127.0.0.1:7070}", description = "Node API URL (env SALUS_URL; default http://127.0.0.1:7070).")
    String url;

    @Option(names = "--token", defaultValue = "${env:SALUS_TOKEN}", description = "API token of the acting account (env SALUS_TOKEN).")
    String token;

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    /** Downloads a binary answer to a file (written atomically, owner-only); 0 on 2xx. */
    int download(String path, Path out) {
        HttpResponse<byte[]> r = exchange("GET", path, null, Duration.ofMinutes(5));
        if (r.statusCode() / 100 != 2) {
            System.err.println("HTTP " + r.statusCode() + " " + new String(r.body(), StandardCharsets.UTF_8));
            return 1;
        }
        try {
            AtomicFiles.write(out, r.body());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + out, e);
        }
        System.out.println("Wrote " + r.body().length + " bytes to " + out);
        return 0;
    }

    /** Sends a request and prints the JSON answer; returns 0 on 2xx, 1 otherwise (the problem is printed). */
    int call(String method, String path, Object body) {
        return print(send(method, path, body));
    }

    /** POSTs a file as the body, streamed from disk, and prints the JSON answer (as {@link #call}). */
    int upload(String path, Path file, String contentType) {
        try {
            return print(answer(exchange("POST", path, HttpRequest.BodyPublishers.ofFile(file), contentType,
                    Duration.ofMinutes(30))));
        } catch (java.io.FileNotFoundException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
    }

    private static int print(JsonNode json) {
        if (json == null) {
            return 1;
        }
        try {
            ObjectWriter pretty = Json.mapper().writerWithDefaultPrettyPrinter();
            System.out.println(json.isMissingNode() ? "" : pretty.writeValueAsString(json));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return 0;
    }

    /**
     * Sends a request whose JSON answer the command uses (a missing node for an empty answer); on a failure prints
     * the problem and returns null.
     */
    JsonNode send(String method, String path, Object body) {
        return answer(exchange(method, path, body, Duration.ofMinutes(2)));
    }

    private JsonNode answer(HttpResponse<byte[]> r) {
        JsonNode json;
        try {
            json = r.body().length == 0 ? Json.mapper().missingNode() : Json.mapper().readTree(r.body());
        } catch (IOException e) {
            throw new IllegalStateException("the node at " + url + " answered " + r.statusCode() + " with no JSON", e);
        }
        if (r.statusCode() / 100 == 2) {
            return json;
        }
        System.err.println("HTTP " + r.statusCode() + (json.has("code")
                ? " " + json.get("code").asText() + ": " + json.path("detail").asText()
                : ""));
        return null;
    }

    private HttpResponse<byte[]> exchange(String method, String path, Object body, Duration timeout) {
        try {
            return body == null
                    ? exchange(method, path, HttpRequest.BodyPublishers.noBody(), null, timeout)
                    : exchange(method, path, HttpRequest.BodyPublishers.ofByteArray(Json.mapper()
                            .writeValueAsBytes(body)), "application/json", timeout);
        } catch (IOException e) {
            throw new IllegalStateException("cannot encode the request: " + e.getMessage(), e);
        }
    }

    private HttpResponse<byte[]> exchange(String method, String path, HttpRequest.BodyPublisher body,
            String contentType, Duration timeout) {
        try {
            HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(url + path)).timeout(timeout);
            if (token != null && !token.isBlank()) {
                b.header("Authorization", "Bearer " + token);
            }
            if (contentType != null) {
                b.header("Content-Type", contentType);
            }
            b.method(method, body);
            return http.send(b.build(), HttpResponse.BodyHandlers.ofByteArray());
        } catch (IOException e) {
            throw new IllegalStateException("cannot reach the node at " + url + ": " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }
}
