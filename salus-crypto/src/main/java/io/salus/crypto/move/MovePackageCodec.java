package io.salus.crypto.move;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.salus.core.account.AccountId;
import io.salus.core.account.EvmAddress;
import io.salus.core.merkle.Hash32;
import io.salus.core.move.MovePackage;
import io.salus.core.move.MovedAccount;
import io.salus.core.move.MovedRecord;
import io.salus.core.record.Category;
import io.salus.core.record.RecordId;
import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/** The JSON form of a {@link MovePackage} (only ever written sealed). Stateless and thread-safe. */
final class MovePackageCodec {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Base64.Encoder B64 = Base64.getEncoder();
    private static final Base64.Decoder D64 = Base64.getDecoder();

    private MovePackageCodec() {
    }

    static byte[] encode(MovePackage p) {
        ObjectNode root = JSON.createObjectNode().put("format", "salus-bank-move/1").put("from", p.from().hex())
                .put("to", p.to().hex());
        MovedAccount a = p.account();
        root.putObject("account").put("id", a.id().toString()).put("name", a.displayName())
                .put("address", a.address().hex()).put("did", a.did())
                .put("signingKey", B64.encodeToString(a.signingPrivateKey()))
                .put("encryptionKey", B64.encodeToString(a.encryptionPrivateKey()))
                .put("tokenHash", a.apiTokenHash().hex()).put("createdAt", a.createdAt().toString());
        ArrayNode records = root.putArray("records");
        for (MovedRecord r : p.records()) {
            ObjectNode n = records.addObject().put("id", r.id().value().toString())
                    .put("deposit", r.depositId().toString()).put("category", r.category().name())
                    .put("resourceType", r.resourceType()).put("fhirId", r.fhirId().orElse(null))
                    .put("source", r.source())
                    .put("depositedAt", r.depositedAt().toString()).put("content", B64.encodeToString(r.content()))
                    .put("salt", r.salt().hex()).put("leaf", r.leaf().hex()).put("leafIndex", r.leafIndex());
            hashes(n.putArray("readingLeaves"), r.readingLeaves());
            hashes(n.putArray("proof"), r.proof());
            MovedRecord.Batch b = r.batch();
            n.putObject("batch").put("key", b.key().hex()).put("root", b.root().hex()).put("size", b.size())
                    .put("cutAt", b.cutAt().toString()).put("tx", b.txHash()).put("block", b.blockNumber());
        }
        try {
            return JSON.writeValueAsBytes(root);
        } catch (IOException e) {
            throw new IllegalStateException("encoding a moved bank failed", e);
        }
    }

    static MovePackage decode(byte[] bytes) throws IOException {
        JsonNode root = JSON.readTree(bytes);
        if (!"salus-bank-move/1".equals(root.path("format").asText())) {
            throw new IOException("not a salus-bank-move/1 package");
        }
        JsonNode a = root.path("account");
        MovedAccount account = new MovedAccount(new AccountId(UUID.fromString(a.path("id").asText())),
                a.path("name").isNull() ? null : a.path("name").asText(), new EvmAddress(a.path("address").asText()),
                a.path("did").asText(), D64.decode(a.path("signingKey").asText()),
                D64.decode(a.path("encryptionKey").asText()), Hash32.fromHex(a.path("tokenHash").asText()),
                Instant.parse(a.path("createdAt").asText()));
        List<MovedRecord> records = new ArrayList<>();
        for (JsonNode n : root.path("records")) {
            JsonNode b = n.path("batch");
            records.add(new MovedRecord(new RecordId(UUID.fromString(n.path("id").asText())),
                    UUID.fromString(n.path("deposit").asText()), Category.valueOf(n.path("category").asText()),
                    n.path("resourceType").asText(), Optional.ofNullable(n.path("fhirId").textValue()),
                    n.path("source").asText(),
                    Instant.parse(n.path("depositedAt").asText()), D64.decode(n.path("content").asText()),
                    Hash32.fromHex(n.path("salt").asText()), Hash32.fromHex(n.path("leaf").asText()),
                    hashes(n.path("readingLeaves")), new MovedRecord.Batch(Hash32.fromHex(b.path("key").asText()),
                            Hash32.fromHex(b.path("root").asText()), b.path("size").asInt(),
                            Instant.parse(b.path("cutAt").asText()), b.path("tx").asText(),
                            b.path("block").asLong()),
                    n.path("leafIndex").asInt(), hashes(n.path("proof"))));
        }
        return new MovePackage(new EvmAddress(root.path("from").asText()), new EvmAddress(root.path("to").asText()),
                account, records);
    }

    private static void hashes(ArrayNode out, List<Hash32> hashes) {
        hashes.forEach(h -> out.add(h.hex()));
    }

    private static List<Hash32> hashes(JsonNode in) {
        List<Hash32> out = new ArrayList<>();
        in.forEach(h -> out.add(Hash32.fromHex(h.asText())));
        return out;
    }
}
