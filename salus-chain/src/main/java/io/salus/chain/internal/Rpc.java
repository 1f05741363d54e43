package io.salus.chain.internal;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.salus.core.error.ErrorCode;
import io.salus.core.error.SalusException;
import io.salus.core.error.UnavailableException;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.RequestBody;
import okio.BufferedSink;
import org.web3j.protocol.Web3j;
import org.web3j.protocol.core.Request;
import org.web3j.protocol.core.Response;
import org.web3j.protocol.http.HttpService;

/**
 * A web3j client with its own HTTP client and executor, both released by {@link #close()}. Thread-safe.
 */
public final class Rpc implements AutoCloseable {
    private static final ObjectMapper LARGE = JsonMapper.builder(JsonFactory.builder()
            .streamReadConstraints(StreamReadConstraints.builder().maxStringLength(Integer.MAX_VALUE).build()).build())
            .build();
    private static final MediaType JSON = MediaType.get("application/json");
    private final String url;
    private final OkHttpClient http;
    private final HttpService service;
    private final ScheduledExecutorService scheduler;
    private final Web3j web3j;

    private Rpc(String url, OkHttpClient http, HttpService service, ScheduledExecutorService scheduler) {
        this.url = url;
        this.http = http;
        this.service = service;
        this.scheduler = scheduler;
        this.web3j = Web3j.build(service, 1000, scheduler);
    }

    public static Rpc connect(String url, Duration timeout) {
        OkHttpClient http = new OkHttpClient.Builder().connectTimeout(timeout).readTimeout(timeout)
                .writeTimeout(timeout).build();
        ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "salus-web3j");
            t.setDaemon(true);
            return t;
        });
        return new Rpc(url, http, new HttpService(url, http), scheduler);
    }

    public String url() {
        return url;
    }

    public Web3j web3j() {
        return web3j;
    }

    /** A JSON-RPC call of a method web3j does not model (anvil_*); an RPC error fails with its message. */
    public JsonNode raw(String method, List<?> params) throws IOException {
        JsonResponse r = new Request<>(method, params, service, JsonResponse.class).send();
        if (r.hasError()) {
            throw new IOException(method + " failed: " + r.getError().getMessage());
        }
        return r.getResult();
    }

    /**
     * A JSON-RPC call without parameters whose result is one 0x-hex string (anvil_dumpState, tens of megabytes): the
     * bytes it encodes are written to {@code out} as the response arrives, never held in memory whole. Returns their
     * number.
     */
    public long rawHexTo(String method, OutputStream out) throws IOException {
        ObjectNode body = LARGE.createObjectNode().put("jsonrpc", "2.0").put("method", method).put("id", 1);
        body.putArray("params");
        okhttp3.Request req = new okhttp3.Request.Builder().url(url)
                .post(RequestBody.create(LARGE.writeValueAsBytes(body), JSON)).build();
        try (okhttp3.Response res = http.newCall(req).execute()) {
            if (!res.isSuccessful() || res.body() == null) {
                throw new IOException(method + " failed: HTTP " + res.code());
            }
            try (InputStream in = new BufferedInputStream(res.body().byteStream(), 1 << 16)) {
                return HexResult.copy(in, out);
            } catch (IOException e) {
                throw new IOException(method + " failed: " + e.getMessage(), e);
            }
        }
    }

    /**
     * A JSON-RPC call whose one parameter is the 0x-hex of a file's bytes (anvil_loadState of a snapshot): the body is
     * written from the file as it is sent, never held in memory whole. An RPC error fails with its message.
     */
    public JsonNode rawWithHexOf(String method, Path file) throws IOException {
        byte[] prefix = ("{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"" + method + "\",\"params\":[\"0x")
                .getBytes(StandardCharsets.US_ASCII);
        byte[] suffix = "\"]}".getBytes(StandardCharsets.US_ASCII);
        long length = prefix.length + 2 * Files.size(file) + suffix.length;
        RequestBody body = new RequestBody() {
            @Override
            public MediaType contentType() {
                return JSON;
            }

            @Override
            public long contentLength() {
                return length;
            }

            @Override
            public void writeTo(BufferedSink sink) throws IOException {
                sink.write(prefix);
                HexBody.write(file, sink.outputStream());
                sink.write(suffix);
            }
        };
        okhttp3.Request req = new okhttp3.Request.Builder().url(url).post(body).build();
        try (okhttp3.Response res = http.newCall(req).execute()) {
            if (!res.isSuccessful() || res.body() == null) {
                throw new IOException(method + " failed: HTTP " + res.code());
            }
            JsonNode reply = LARGE.readTree(res.body().byteStream());
            if (reply.hasNonNull("error")) {
                throw new IOException(method + " failed: " + reply.get("error").path("message").asText());
            }
            return reply.path("result");
        }
    }

    /** Runs an RPC round trip, turning I/O failures into {@code CHAIN_UNAVAILABLE}. */
    public <T> T call(String what, IoCall<T> call) {
        try {
            return call.run();
        } catch (IOException | RuntimeException e) {
            if (e instanceof SalusException s) {
                throw s;
            }
            throw new UnavailableException(ErrorCode.CHAIN_UNAVAILABLE, what + " failed at " + url + ": " + e, e);
        }
    }

    @Override
    public void close() {
        web3j.shutdown();
        scheduler.shutdownNow();
        http.dispatcher().executorService().shutdown();
        http.connectionPool().evictAll();
    }

    /** One RPC round trip. */
    @FunctionalInterface
    public interface IoCall<T> {
        T run() throws IOException;
    }

    /** A response whose result is any JSON. */
    public static final class JsonResponse extends Response<JsonNode> {}
}
