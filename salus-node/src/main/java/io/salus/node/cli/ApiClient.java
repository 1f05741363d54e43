package io.salus.node.cli;

import com.fasterxml.jackson.databind.JsonNode;
import io.salus.node.http.Json;
import io.salus.platform.AtomicFiles;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
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
    int download(String path, java.nio.file.Path out) {
        try {
            HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(url + path)).timeout(Duration.ofMinutes(5));
            if (token != null && !token.isBlank()) {
                b.header("Authorization", "Bearer " + token);
            }
            HttpResponse<byte[]> r = http.send(b.GET().build(), HttpResponse.BodyHandlers.ofByteArray());
            if (r.statusCode() / 100 != 2) {
                System.err.println("HTTP " + r.statusCode() + " " + new String(r.body(),
                        java.nio.charset.StandardCharsets.UTF_8));
                return 1;
            }
            AtomicFiles.write(out, r.body());
            System.out.println("Wrote " + r.body().length + " bytes to " + out);
            return 0;
        } catch (IOException e) {
            throw new IllegalStateException("cannot reach the node at " + url + ": " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }

    /** Sends a request and prints the JSON answer; returns 0 on 2xx, 1 otherwise (the problem is printed). */
    int call(String method, String path, Object body) {
        try {
            HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(url + path)).timeout(Duration.ofMinutes(2));
            if (token != null && !token.isBlank()) {
                b.header("Authorization", "Bearer " + token);
            }
            if (body != null) {
                b.header("Content-Type", "application/json").method(method,
                        HttpRequest.BodyPublishers.ofByteArray(Json.mapper().writeValueAsBytes(body)));
            } else {
                b.method(method, HttpRequest.BodyPublishers.noBody());
            }
            HttpResponse<byte[]> r = http.send(b.build(), HttpResponse.BodyHandlers.ofByteArray());
            JsonNode json = r.body().length == 0 ? null : Json.mapper().readTree(r.body());
            String pretty = json == null ? "" : Json.mapper().writerWithDefaultPrettyPrinter().writeValueAsString(json);
            if (r.statusCode() / 100 == 2) {
                System.out.println(pretty);
                return 0;
            }
            System.err.println("HTTP " + r.statusCode() + (json != null && json.has("code")
                    ? " " + json.get("code").asText() + ": " + json.path("detail").asText()
                    : ""));
            return 1;
        } catch (IOException e) {
            throw new IllegalStateException("cannot reach the node at " + url + ": " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }
}
