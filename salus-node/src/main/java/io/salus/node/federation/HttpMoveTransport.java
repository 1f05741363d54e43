package io.salus.node.federation;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.salus.core.account.EvmAddress;
import io.salus.core.error.ErrorCode;
import io.salus.core.error.Result;
import io.salus.core.federation.Member;
import io.salus.core.federation.NodeRequests;
import io.salus.core.merkle.Hash32;
import io.salus.core.move.MoveAck;
import io.salus.core.move.MoveTransport;
import io.salus.node.http.BankMoveEndpoints;
import java.io.IOException;
import java.time.Duration;
import java.util.Base64;
import java.util.HexFormat;

/**
 * The {@link MoveTransport} over HTTP: the sealed bank (base64) with its audience and patient, in a request signed with
 * this node's key, posted to the receiving member's {@value BankMoveEndpoints#IMPORT}; its answer is the signed
 * acknowledgement. Thread-safe.
 */
public final class HttpMoveTransport implements MoveTransport, AutoCloseable {
    private static final ObjectMapper JSON = new ObjectMapper();
    private final SignedPost post;

    public HttpMoveTransport(NodeRequests requests, Duration timeout) {
        this.post = new SignedPost(requests, timeout);
    }

    @Override
    public Result<MoveAck> send(Member to, EvmAddress patient, byte[] sealedPackage) {
        byte[] body;
        try {
            body = JSON.writeValueAsBytes(JSON.createObjectNode().put("audience", to.node().hex())
                    .put("patient", patient.hex()).put("package", Base64.getEncoder().encodeToString(sealedPackage)));
        } catch (IOException e) {
            return Result.fail(ErrorCode.MEMBER_UNREACHABLE, e.toString());
        }
        return post.post(to, BankMoveEndpoints.IMPORT, body).flatMap(HttpMoveTransport::ack);
    }

    private static Result<MoveAck> ack(JsonNode a) {
        try {
            return Result.ok(new MoveAck(new EvmAddress(a.path("patient").asText()),
                    new EvmAddress(a.path("from").asText()), new EvmAddress(a.path("to").asText()),
                    a.path("records").asInt(), Hash32.fromHex(a.path("root").asText()),
                    HexFormat.of().parseHex(a.path("signature").asText())));
        } catch (IllegalArgumentException e) {
            return Result.fail(ErrorCode.MOVE_ACK_INVALID, "the acknowledgement does not parse: " + e.getMessage());
        }
    }

    @Override
    public void close() {
        post.close();
    }
}
