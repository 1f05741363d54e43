package io.salus.node.federation;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.salus.core.account.EvmAddress;
import io.salus.core.error.ErrorCode;
import io.salus.core.error.Result;
import io.salus.core.fdeal.PartAnswer;
import io.salus.core.fdeal.PartRequest;
import io.salus.core.merkle.Hash32;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;

/**
 * The JSON of a federated deal's part request and answer between nodes (decision 0035): addresses and hashes as
 * 0x-hex, the consumer's public key as hex, the criteria as the JSON they are. Stateless and thread-safe.
 */
public final class PartJson {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HexFormat HEX = HexFormat.of();

    private PartJson() {
    }

    public static byte[] request(PartRequest r) throws IOException {
        ObjectNode b = JSON.createObjectNode().put("audience", r.audience().hex()).put("dealId", r.dealId().hex())
                .put("contract", r.contract().hex()).put("consumer", r.consumer().hex())
                .put("organisation", r.organisation()).put("consumerKey", HEX.formatHex(r.consumerPublicKey()))
                .put("salt", r.salt().hex()).put("cap", r.cap()).put("epsilon", r.epsilon());
        b.set("criteria", JSON.readTree(r.criteria()));
        return JSON.writeValueAsBytes(b);
    }

    public static Result<PartRequest> request(byte[] body) {
        try {
            JsonNode b = JSON.readTree(body);
            return Result.ok(new PartRequest(new EvmAddress(text(b, "audience")), Hash32.fromHex(text(b, "dealId")),
                    new EvmAddress(text(b, "contract")), new EvmAddress(text(b, "consumer")), text(b,
                            "organisation"),
                    HEX.parseHex(text(b, "consumerKey")), JSON.writeValueAsString(b.path("criteria")).getBytes(
                            StandardCharsets.UTF_8),
                    Hash32.fromHex(text(b, "salt")), b.path("cap").asInt(0), text(b, "epsilon")));
        } catch (IOException | IllegalArgumentException | NullPointerException e) {
            return Result.fail(ErrorCode.INVALID_REQUEST, "a part request: " + e.getMessage());
        }
    }

    public static ObjectNode answer(PartAnswer a) {
        return JSON.createObjectNode().put("member", a.member().hex()).put("status", a.status().name())
                .put("released", a.released()).put("root", a.root().hex()).put("cap", a.cap())
                .put("patients", a.patients()).put("packageHash", a.packageHash().hex())
                .put("ciphertextHash", a.ciphertextHash().hex());
    }

    public static PartAnswer answer(JsonNode a) {
        return new PartAnswer(new EvmAddress(text(a, "member")), PartAnswer.Status.valueOf(text(a, "status")),
                text(a, "released"), Hash32.fromHex(text(a, "root")), a.path("cap").asInt(), a.path("patients")
                        .asInt(),
                Hash32.fromHex(text(a, "packageHash")), Hash32.fromHex(text(a, "ciphertextHash")));
    }

    private static String text(JsonNode n, String field) {
        JsonNode v = n.get(field);
        if (v == null || !v.isTextual()) {
            throw new IllegalArgumentException(field + " is required");
        }
        return v.asText();
    }
}
