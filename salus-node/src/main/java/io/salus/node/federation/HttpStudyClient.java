package io.salus.node.federation;

import com.fasterxml.jackson.databind.JsonNode;
import io.salus.core.error.ErrorCode;
import io.salus.core.error.Result;
import io.salus.core.federation.Member;
import io.salus.core.federation.NodeRequests;
import io.salus.core.port.SecureAggregator.Published;
import io.salus.core.study.RoundCalls;
import io.salus.core.study.StudyClient;
import io.salus.node.http.StudyEndpoints;
import io.salus.node.http.StudyJson;
import java.time.Duration;
import java.util.Map;
import java.util.function.Function;

/**
 * The {@link StudyClient} over HTTP: each round call as JSON, signed with this node's key (RFC 9421), posted to the
 * member's registered endpoint; a member that cannot be reached, answers late or answers garbage is
 * {@code MEMBER_UNREACHABLE}, a member's refusal (problem+json) keeps its error code. Thread-safe.
 */
public final class HttpStudyClient implements StudyClient, AutoCloseable {
    private final SignedPost post;

    public HttpStudyClient(NodeRequests requests, Duration timeout) {
        this.post = new SignedPost(requests, timeout);
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

    @Override
    public Result<RoundCalls.PayeeList> payees(Member member, RoundCalls.Payees call) {
        return post(member, StudyEndpoints.PAYEES, StudyJson.bytes(StudyJson.payees(call)), StudyJson::payeeList);
    }

    /** The call posted and signed; an answer that does not parse is the member's fault: unreachable. */
    private <T> Result<T> post(Member member, String path, byte[] body, Function<JsonNode, Result<T>> read) {
        return post.post(member, path, body).flatMap(answer -> {
            Result<T> r = read.apply(answer);
            return r.isOk() ? r : Result.fail(ErrorCode.MEMBER_UNREACHABLE, r.failure().detail());
        });
    }

    @Override
    public void close() {
        post.close();
    }
}
