package io.salus.node.federation;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.salus.core.error.ErrorCode;
import io.salus.core.error.Result;
import io.salus.core.federation.CountRequest;
import io.salus.core.federation.Member;
import io.salus.core.federation.MemberClient;
import io.salus.core.federation.NodeRequests;
import io.salus.core.federation.SignedHeaders;
import io.salus.core.privacy.NoisyCount;
import io.salus.core.record.Category;
import io.salus.node.http.FederationEndpoints;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Arrays;

/**
 * The {@link MemberClient} over HTTP: the count request as JSON, signed with this node's key (RFC 9421), posted to the
 * member's registered endpoint; a member that cannot be reached, answers late or answers garbage is
 * {@code MEMBER_UNREACHABLE}, a member's refusal (problem+json) keeps its error code. Thread-safe.
 */
public final class HttpMemberClient implements MemberClient, AutoCloseable {
    private static final ObjectMapper JSON = new ObjectMapper();
    private final HttpClient http;
    private final NodeRequests requests;
    private final Duration timeout;

    public HttpMemberClient(NodeRequests requests, Duration timeout) {
        this.http = HttpClient.newBuilder().connectTimeout(timeout).version(HttpClient.Version.HTTP_1_1).build();
        this.requests = requests;
        this.timeout = timeout;
    }

    @Override
    public Result<NoisyCount> count(Member member, CountRequest r) {
        try {
            ObjectNode body = JSON.createObjectNode().put("audience", r.audience().hex())
                    .put("consumer", r.consumer().hex()).put("organisation", r.organisation())
                    .put("purpose", r.purpose().name()).put("epsilon", r.epsilon());
            body.set("criteria", JSON.readTree(r.criteriaJson()));
            r.categories().stream().map(Category::name).forEach(body.putArray("categories")::add);
            byte[] bytes = JSON.writeValueAsBytes(body);
            SignedHeaders h = requests.sign("POST", FederationEndpoints.MEMBER_COUNTS, bytes);
            HttpRequest req = HttpRequest.newBuilder(URI.create(member.endpoint() + FederationEndpoints.MEMBER_COUNTS))
                    .timeout(timeout).header("Content-Type", "application/json")
                    .header(SignedHeaders.CONTENT_DIGEST, h.contentDigest())
                    .header(SignedHeaders.SIGNATURE_INPUT, h.signatureInput())
                    .header(SignedHeaders.SIGNATURE, h.signature())
                    .POST(HttpRequest.BodyPublishers.ofByteArray(bytes)).build();
            HttpResponse<byte[]> res = http.send(req, HttpResponse.BodyHandlers.ofByteArray());
            JsonNode answer = JSON.readTree(res.body());
            if (res.statusCode() == 200) {
                return Result.ok(answer.path("released").asBoolean()
                        ? new NoisyCount.Released(answer.path("count").asLong())
                        : new NoisyCount.FewerThan(answer.path("fewerThan").asLong()));
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
