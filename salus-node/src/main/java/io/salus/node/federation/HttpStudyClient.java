package io.salus.node.federation;

import com.fasterxml.jackson.databind.JsonNode;
import io.salus.core.error.ErrorCode;
import io.salus.core.error.Result;
import io.salus.core.federation.Member;
import io.salus.core.federation.NodeRequests;
import io.salus.core.federation.SignedHeaders;
import io.salus.core.port.SecureAggregator.Published;
import io.salus.core.study.RoundCalls;
import io.salus.core.study.StudyClient;
import io.salus.node.http.StudyEndpoints;
import io.salus.node.http.StudyJson;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Arrays;
import java.util.Map;
import java.util.function.Function;

/**
 * The {@link StudyClient} over HTTP: each round call as JSON, signed with this node's key (RFC 9421), posted to the
 * member's registered endpoint; a member that cannot be reached, answers late or answers garbage is
 * {@code MEMBER_UNREACHABLE}, a member's refusal (problem+json) keeps its error code. Thread-safe.
 */
public final class HttpStudyClient implements StudyClient, AutoCloseable {
    private final HttpClient http;
    private final NodeRequests requests;
    private final Duration timeout;

    public HttpStudyClient(NodeRequests requests, Duration timeout) {
        this.http = HttpClient.newBuilder().connectTimeout(timeout).version(HttpClient.Version.HTTP_1_1).build();
        this.requests = requests;
        this.timeout = timeout;
    }

    @Override
    public Result<Published> begin(Member member, RoundCalls.Begin call) {
        return post(member, StudyEndpoints.BEGIN, StudyJson.bytes(StudyJson.begin(call)), StudyJson::published);
    }

    @Override
    public Result<Map<Integer, byte[]>> share(Member member, RoundCalls.Share call) {
        return post(member, StudyEndpoints.SHARE, StudyJson.bytes(StudyJson.share(call)), StudyJson::sealed);
    }

    @Override
    public Result<RoundCalls.Masked> mask(Member member, RoundCalls.Mask call) {
        return post(member, StudyEndpoints.MASK, StudyJson.bytes(StudyJson.mask(call)), StudyJson::masked);
    }

    @Override
    public Result<RoundCalls.Shares> unmask(Member member, RoundCalls.Unmask call) {
        return post(member, StudyEndpoints.UNMASK, StudyJson.bytes(StudyJson.unmask(call)), StudyJson::shares);
    }

    private <T> Result<T> post(Member member, String path, byte[] body, Function<JsonNode, Result<T>> read) {
        try {
            SignedHeaders h = requests.sign("POST", path, body);
            HttpRequest req = HttpRequest.newBuilder(URI.create(member.endpoint() + path)).timeout(timeout)
                    .header("Content-Type", "application/json")
                    .header(SignedHeaders.CONTENT_DIGEST, h.contentDigest())
                    .header(SignedHeaders.SIGNATURE_INPUT, h.signatureInput())
                    .header(SignedHeaders.SIGNATURE, h.signature())
                    .POST(HttpRequest.BodyPublishers.ofByteArray(body)).build();
            HttpResponse<byte[]> res = http.send(req, HttpResponse.BodyHandlers.ofByteArray());
            Result<JsonNode> answer = StudyJson.parse(res.body());
            if (!answer.isOk()) {
                return Result.fail(ErrorCode.MEMBER_UNREACHABLE, member.endpoint() + " answered HTTP "
                        + res.statusCode() + " without JSON");
            }
            JsonNode a = answer.orElseThrow();
            if (res.statusCode() == 200) {
                Result<T> r = read.apply(a);
                return r.isOk() ? r : Result.fail(ErrorCode.MEMBER_UNREACHABLE, r.failure().detail());
            }
            String code = a.path("code").asText("");
            ErrorCode refused = Arrays.stream(ErrorCode.values()).filter(c -> c.code().equals(code)).findFirst()
                    .orElse(ErrorCode.MEMBER_UNREACHABLE);
            return Result.fail(refused, a.path("detail").asText("HTTP " + res.statusCode()));
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
