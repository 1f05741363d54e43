package io.salus.node.it;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * The network between the alliance and one member, for a test: every request is forwarded to the member as it came
 * (the signed headers and the body) until the link is cut, which happens once the member has answered the
 * {@code share} call of a given study round; from then on every request is answered 503 without reaching the member,
 * so the member drops out after it sealed its key shares to the others.
 */
final class PartitionProxy implements AutoCloseable {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final List<String> FORWARDED = List.of("Content-Type", "Content-Digest", "Signature-Input",
            "Signature", "Authorization", "Accept");
    private final HttpServer server;
    private final HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    private final String target;
    private final int cutAfterShareOf;
    private final AtomicBoolean cut = new AtomicBoolean();

    private PartitionProxy(String target, int cutAfterShareOf) throws IOException {
        this.target = target.endsWith("/") ? target.substring(0, target.length() - 1) : target;
        this.cutAfterShareOf = cutAfterShareOf;
        this.server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/", this::handle);
        server.start();
    }

    /** A proxy to {@code target} that cuts the link after the member answered round {@code round}'s share call. */
    static PartitionProxy to(String target, int round) {
        try {
            return new PartitionProxy(target, round);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    boolean isCut() {
        return cut.get();
    }

    private void handle(HttpExchange ex) throws IOException {
        try (ex) {
            byte[] body = ex.getRequestBody().readAllBytes();
            if (cut.get()) {
                ex.sendResponseHeaders(503, -1);
                return;
            }
            HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(target + ex.getRequestURI()))
                    .method(ex.getRequestMethod(), HttpRequest.BodyPublishers.ofByteArray(body));
            FORWARDED.forEach(h -> {
                String v = ex.getRequestHeaders().getFirst(h);
                if (v != null) {
                    b.header(h, v);
                }
            });
            HttpResponse<byte[]> r;
            try {
                r = client.send(b.build(), HttpResponse.BodyHandlers.ofByteArray());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                ex.sendResponseHeaders(503, -1);
                return;
            }
            if (ex.getRequestURI().getPath().endsWith("/federation/studies/share") && r.statusCode() == 200
                    && JSON.readTree(body).path("round").asInt(-1) == cutAfterShareOf) {
                cut.set(true); // before the answer leaves: the coordinator's next call finds the link cut
            }
            r.headers().firstValue("Content-Type").ifPresent(v -> ex.getResponseHeaders().set("Content-Type", v));
            ex.sendResponseHeaders(r.statusCode(), r.body().length == 0 ? -1 : r.body().length);
            ex.getResponseBody().write(r.body());
        }
    }

    @Override
    public void close() {
        server.stop(0);
        client.close();
    }
}
