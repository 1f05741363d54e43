package io.salus.node.federation;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.salus.core.error.ErrorCode;
import io.salus.core.error.Result;
import io.salus.core.federation.Member;
import io.salus.core.federation.NodeRequests;
import io.salus.core.federation.SignedHeaders;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Arrays;

/**
 * A JSON request to another member, signed with this node's key (RFC 9421 over the method, the path and the
 * {@code Content-Digest}), posted to the member's registered endpoint: its JSON answer on HTTP 200; a refusal
 * (problem+json) keeps the member's error code; a member that cannot be reached, answers late or answers garbage is
 * {@code MEMBER_UNREACHABLE}. Thread-safe.
 */
final class SignedPost implements AutoCloseable {
    private static final ObjectMapper JSON = new ObjectMapper();
    private final HttpClient http;
    private final NodeRequests requests;
    private final Duration timeout;

    SignedPost(NodeRequests requests, Duration timeout) {
        this.http = HttpClient.newBuilder().connectTimeout(timeout).version(HttpClient.Version.HTTP_1_1).build();
        this.requests = requests;
        this.timeout = timeout;
    }

    Result<JsonNode> post(Member member, String path, byte[] body) {
        try {
            SignedHeaders h = requests.sign("POST", path, body);
            HttpRequest req = HttpRequest.newBuilder(URI.create(member.endpoint() + path)).timeout(timeout)
                    .header("Content-Type", "application/json")
                    .header(SignedHeaders.CONTENT_DIGEST, h.contentDigest())
                    .header(SignedHeaders.SIGNATURE_INPUT, h.signatureInput())
                    .header(SignedHeaders.SIGNATURE, h.signature())
                    .POST(HttpRequest.BodyPublishers.ofByteArray(body)).build();
            HttpResponse<byte[]> res = http.send(req, HttpResponse.BodyHandlers.ofByteArray());
            JsonNode answer = JSON.readTree(res.body());
            if (res.statusCode() == 200) {
                return Result.ok(answer);
            }
            String code = answer.path("code").asText("");
            ErrorCode refused = Arrays.stream(ErrorCode.values()).filter(c -> c.code().equals(code)).findFirst()
                    .orElse(ErrorCode.MEMBER_UNREACHABLE);
            return Result.fail(refused, answer.path("detail").asText("HTTP " + res.statusCode()));
        } catch (IOException | IllegalArgumentException e) {
            return Result.fail(ErrorCode.MEMBER_UNREACHABLE, member.endpoint() + ": " + e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Result.fail(ErrorCode.MEMBER_UNREACHABLE, member.endpoint() + ": interrupted");
        }
    }

    @Override
    public void close() {
        http.close();
    }
}
