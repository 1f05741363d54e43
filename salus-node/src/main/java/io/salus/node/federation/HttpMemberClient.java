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
import io.salus.core.privacy.NoisyCount;
import io.salus.core.record.Category;
import io.salus.node.http.FederationEndpoints;
import java.io.IOException;
import java.time.Duration;

/**
 * The {@link MemberClient} over HTTP: the count request as JSON, signed with this node's key (RFC 9421), posted to the
 * member's registered endpoint; a member that cannot be reached, answers late or answers garbage is
 * {@code MEMBER_UNREACHABLE}, a member's refusal (problem+json) keeps its error code. Thread-safe.
 */
public final class HttpMemberClient implements MemberClient, AutoCloseable {
    private static final ObjectMapper JSON = new ObjectMapper();
    private final SignedPost post;

    public HttpMemberClient(NodeRequests requests, Duration timeout) {
        this.post = new SignedPost(requests, timeout);
    }

    @Override
    public Result<NoisyCount> count(Member member, CountRequest r) {
        byte[] bytes;
        try {
            ObjectNode body = JSON.createObjectNode().put("audience", r.audience().hex())
                    .put("consumer", r.consumer().hex()).put("organisation", r.organisation())
                    .put("purpose", r.purpose().name()).put("epsilon", r.epsilon());
            body.set("criteria", JSON.readTree(r.criteriaJson()));
            r.categories().stream().map(Category::name).forEach(body.putArray("categories")::add);
            bytes = JSON.writeValueAsBytes(body);
        } catch (IOException e) {
            return Result.fail(ErrorCode.MEMBER_UNREACHABLE, member.endpoint() + ": " + e);
        }
        return post.post(member, FederationEndpoints.MEMBER_COUNTS, bytes).map((JsonNode answer) -> answer.path(
                "released").asBoolean()
                        ? new NoisyCount.Released(answer.path("count").asLong())
                        : new NoisyCount.FewerThan(answer.path("fewerThan").asLong()));
    }

    @Override
    public void close() {
        post.close();
    }
}
