package io.salus.zk;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.salus.core.error.ErrorCode;
import io.salus.core.error.Result;
import io.salus.core.zk.AttributeProof;
import io.salus.core.zk.Groth16Proof;
import io.salus.core.zk.PublicSignals;
import io.salus.zk.BabyJubJub.Point;
import io.salus.zk.EdDsaPoseidon.Signature;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;

/**
 * The JSON files of the patient's side: the proving secret (kept private), a provider-signed attribute as the patient
 * holds it (with its kind's name), and a finished proof (the 8 proof numbers in the verifier's order and the 9 public
 * signals: all that leaves the patient's machine, the body of {@code POST /daos/{id}/members/proof}). Thread-safe.
 */
public final class ZkFiles {
    private static final ObjectMapper JSON = new ObjectMapper();

    /** A signed attribute with the name of its kind (the proof's claim needs the name, the commitment the element). */
    public record HeldAttribute(AttributeKind kind, SignedAttribute attribute) {
    }

    private ZkFiles() {
    }

    public static String secret(PatientSecret secret) {
        return write(JSON.createObjectNode().put("type", "salus-patient-secret")
                .put("secret", secret.value().toString()).put("identity", secret.identity().toString()));
    }

    public static Result<PatientSecret> parseSecret(String json) {
        return parse(json, "salus-patient-secret", n -> new PatientSecret(num(n, "secret")));
    }

    public static String attribute(AttributeKind kind, SignedAttribute a) {
        ObjectNode n = JSON.createObjectNode().put("type", "salus-signed-attribute").put("kind", kind.name())
                .put("identity", a.identity().toString()).put("value", a.value().toString())
                .put("issuedAt", a.issuedAt());
        n.putObject("provider").put("x", a.provider().x().toString()).put("y", a.provider().y().toString());
        n.putObject("signature").put("r8x", a.signature().r8().x().toString())
                .put("r8y", a.signature().r8().y().toString()).put("s", a.signature().s().toString());
        return write(n);
    }

    public static Result<HeldAttribute> parseAttribute(String json) {
        return parse(json, "salus-signed-attribute", n -> {
            AttributeKind kind = new AttributeKind(n.path("kind").asText());
            JsonNode p = n.path("provider");
            JsonNode s = n.path("signature");
            return new HeldAttribute(kind, new SignedAttribute(num(n, "identity"), kind.element(), num(n, "value"),
                    n.path("issuedAt").longValue(), new Point(num(p, "x"), num(p, "y")),
                    new Signature(new Point(num(s, "r8x"), num(s, "r8y")), num(s, "s"))));
        });
    }

    /** A proof as {"proof": [a0, a1, b00, b01, b10, b11, c0, c1], "signals": [9]}, decimal strings. */
    public static String proof(AttributeProof proof) {
        ObjectNode n = JSON.createObjectNode();
        ArrayNode p = n.putArray("proof");
        Groth16Proof g = proof.proof();
        List<BigInteger> flat = new ArrayList<>(g.a());
        g.b().forEach(flat::addAll);
        flat.addAll(g.c());
        flat.forEach(x -> p.add(x.toString()));
        ArrayNode s = n.putArray("signals");
        proof.signals().asList().forEach(x -> s.add(x.toString()));
        return write(n);
    }

    /** Parses the {@link #proof} form (the numbers as JSON strings or numbers). */
    public static Result<AttributeProof> parseProof(String json) {
        return parse(json, null, n -> proof(numbers(n.path("proof")), numbers(n.path("signals"))));
    }

    /** A proof from its 8 numbers (a, b, c flattened in the verifier's order) and 9 public signals. */
    public static AttributeProof proof(List<BigInteger> p, List<BigInteger> signals) {
        if (p.size() != 8) {
            throw new IllegalArgumentException("a proof is 8 numbers");
        }
        return new AttributeProof(new Groth16Proof(p.subList(0, 2), List.of(p.subList(2, 4), p.subList(4, 6)),
                p.subList(6, 8)), PublicSignals.of(signals));
    }

    private interface Reader<T> {
        T read(JsonNode n);
    }

    private static <T> Result<T> parse(String json, String type, Reader<T> reader) {
        try {
            JsonNode n = JSON.readTree(json);
            if (n == null || !n.isObject() || (type != null && !type.equals(n.path("type").asText()))) {
                return Result.fail(ErrorCode.INVALID_REQUEST, "not a " + (type == null ? "proof" : type) + " file");
            }
            return Result.ok(reader.read(n));
        } catch (JsonProcessingException | IllegalArgumentException e) {
            return Result.fail(ErrorCode.INVALID_REQUEST, "malformed " + (type == null ? "proof" : type) + ": "
                    + e.getMessage());
        }
    }

    private static List<BigInteger> numbers(JsonNode array) {
        if (!array.isArray()) {
            throw new IllegalArgumentException("expected an array of decimal numbers");
        }
        List<BigInteger> out = new ArrayList<>();
        array.forEach(x -> out.add(new BigInteger(x.asText())));
        return out;
    }

    private static BigInteger num(JsonNode n, String field) {
        if (!n.path(field).isTextual() && !n.path(field).isNumber()) {
            throw new IllegalArgumentException(field + " is missing");
        }
        return new BigInteger(n.path(field).asText());
    }

    private static String write(ObjectNode n) {
        try {
            return JSON.writerWithDefaultPrettyPrinter().writeValueAsString(n) + "\n";
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
