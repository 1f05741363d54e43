package io.salus.node.federation;

import com.fasterxml.jackson.databind.JsonNode;
import io.salus.core.account.EvmAddress;
import io.salus.core.error.ErrorCode;
import io.salus.core.error.Result;
import io.salus.core.fdeal.PartAnswer;
import io.salus.core.fdeal.PartRequest;
import io.salus.core.federation.Member;
import io.salus.core.federation.NodeRequests;
import io.salus.core.merkle.Hash32;
import io.salus.core.port.PartClient;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;

/**
 * The {@link PartClient} over HTTP: signed JSON requests (RFC 9421) to the member's registered endpoint, a part at
 * {@value #PARTS}, a settled part's package (base64 in JSON) at {@value #PACKAGES}. Thread-safe.
 */
public final class HttpPartClient implements PartClient, AutoCloseable {
    public static final String PARTS = "/federation/deals/parts";
    public static final String PACKAGES = "/federation/deals/packages";
    private final SignedPost post;

    /** @param timeout how long a member may take to match, stage and settle its part */
    public HttpPartClient(NodeRequests requests, Duration timeout) {
        this.post = new SignedPost(requests, timeout);
    }

    @Override
    public Result<PartAnswer> part(Member member, PartRequest request) {
        byte[] body;
        try {
            body = PartJson.request(request);
        } catch (IOException e) {
            return Result.fail(ErrorCode.INVALID_REQUEST, "criteria: " + e.getMessage());
        }
        return post.post(member, PARTS, body).flatMap(HttpPartClient::answer);
    }

    private static Result<PartAnswer> answer(JsonNode a) {
        try {
            return Result.ok(PartJson.answer(a));
        } catch (IllegalArgumentException e) {
            return Result.fail(ErrorCode.MEMBER_UNREACHABLE, "a member's part answer: " + e.getMessage());
        }
    }

    @Override
    public Result<byte[]> partPackage(Member member, EvmAddress audience, Hash32 dealId) {
        byte[] body = ("{\"audience\":\"" + audience.hex() + "\",\"dealId\":\"" + dealId.hex() + "\"}")
                .getBytes(StandardCharsets.UTF_8);
        return post.post(member, PACKAGES, body).map(a -> Base64.getDecoder().decode(a.path("package").asText()));
    }

    @Override
    public void close() {
        post.close();
    }
}
