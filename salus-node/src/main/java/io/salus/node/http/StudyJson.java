package io.salus.node.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.salus.core.account.EvmAddress;
import io.salus.core.consent.Purpose;
import io.salus.core.deal.Payout;
import io.salus.core.deal.ProviderShare;
import io.salus.core.error.ErrorCode;
import io.salus.core.error.Result;
import io.salus.core.merkle.Hash32;
import io.salus.core.port.SecureAggregator.Published;
import io.salus.core.record.Category;
import io.salus.core.recovery.ShamirShare;
import io.salus.core.study.RoundCalls;
import io.salus.core.study.StudySpec;
import io.salus.core.study.StudyTerms;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.UUID;

/**
 * The JSON of a study round's node-to-node calls and answers ({@code /federation/studies/...}): the coordinator's
 * {@code HttpStudyClient} writes calls and reads answers with it, the member's {@link StudyEndpoints} the reverse.
 * Byte strings are base64; masked words are JSON integers. A malformed message is {@code INVALID_REQUEST}.
 */
public final class StudyJson {
    static final ObjectMapper JSON = new ObjectMapper();
    private static final Base64.Encoder B64 = Base64.getEncoder();
    private static final Base64.Decoder UNB64 = Base64.getDecoder();

    private StudyJson() {
    }

    public static byte[] bytes(JsonNode node) {
        try {
            return JSON.writeValueAsBytes(node);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    public static Result<JsonNode> parse(byte[] body) {
        try {
            return Result.ok(JSON.readTree(body));
        } catch (IOException e) {
            return Result.fail(ErrorCode.INVALID_REQUEST, "the body is not JSON");
        }
    }

    public static ObjectNode begin(RoundCalls.Begin c) {
        StudyTerms t = c.terms();
        StudySpec s = t.spec();
        ObjectNode n = JSON.createObjectNode().put("audience", c.audience().hex()).put("round", c.round())
                .put("memberId", c.memberId());
        ArrayNode model = n.putArray("model");
        for (double d : c.model()) {
            model.add(d);
        }
        ObjectNode terms = n.putObject("terms").put("study", t.study().toString()).put("deal", t.deal().hex())
                .put("consumer", t.consumer().hex()).put("organisation", t.organisation())
                .put("purpose", t.purpose().name());
        try {
            terms.set("criteria", JSON.readTree(t.criteriaJson()));
        } catch (IOException e) {
            throw new IllegalStateException("a deal's criteria are JSON", e);
        }
        t.categories().forEach(cat -> terms.withArray("categories").add(cat.name()));
        ObjectNode spec = terms.putObject("spec").put("outcome", s.outcome())
                .put("outcomeAtLeast", s.outcomeAtLeast()).put("rounds", s.rounds())
                .put("epsilon", s.epsilon().value().toPlainString()).put("delta", s.delta())
                .put("learningRate", s.learningRate());
        s.features().forEach(spec.withArray("features")::add);
        s.lows().forEach(spec.withArray("lows")::add);
        s.highs().forEach(spec.withArray("highs")::add);
        return n;
    }

    public static Result<RoundCalls.Begin> begin(JsonNode n) {
        try {
            JsonNode t = n.required("terms");
            JsonNode s = t.required("spec");
            List<Category> categories = new ArrayList<>();
            for (JsonNode c : t.required("categories")) {
                categories.add(Category.parse(c.asText()).orElseThrow(() -> new IllegalArgumentException("category")));
            }
            return StudySpec.of(strings(s.required("features")), s.required("outcome").asText(),
                    doubles(s.required("lows")), doubles(s.required("highs")), s.required("outcomeAtLeast").asDouble(),
                    s.required("rounds").asInt(), s.required("epsilon").asText(), s.required("delta").asDouble(),
                    s.required("learningRate").asDouble(), categories).map(spec -> {
                        double[] model = doubles(n.required("model")).stream().mapToDouble(Double::doubleValue)
                                .toArray();
                        StudyTerms terms = new StudyTerms(UUID.fromString(t.required("study").asText()),
                                Hash32.fromHex(t.required("deal").asText()),
                                new EvmAddress(t.required("consumer").asText()), t.required("organisation").asText(),
                                bytes(t.required("criteria")), categories,
                                Purpose.parse(t.required("purpose").asText()).orElseThrow(), spec);
                        return new RoundCalls.Begin(address(n), terms, n.required("round").asInt(),
                                n.required("memberId").asInt(), model);
                    });
        } catch (RuntimeException e) {
            return malformed(e);
        }
    }

    public static ObjectNode published(Published p) {
        return JSON.createObjectNode().put("maskPublic", B64.encodeToString(p.maskPublic())).put("sealPublic",
                B64.encodeToString(p.sealPublic()));
    }

    public static Result<Published> published(JsonNode n) {
        try {
            return Result.ok(new Published(UNB64.decode(n.required("maskPublic").asText()),
                    UNB64.decode(n.required("sealPublic").asText())));
        } catch (RuntimeException e) {
            return malformed(e);
        }
    }

    public static ObjectNode share(RoundCalls.Share c) {
        ObjectNode n = head(c.audience(), c.study(), c.round()).put("threshold", c.threshold());
        ObjectNode roster = n.putObject("roster");
        c.roster().forEach((id, p) -> roster.set(id.toString(), published(p)));
        return n;
    }

    public static Result<RoundCalls.Share> share(JsonNode n) {
        try {
            Map<Integer, Published> roster = new TreeMap<>();
            for (Map.Entry<String, JsonNode> e : n.required("roster").properties()) {
                roster.put(Integer.valueOf(e.getKey()), published(e.getValue()).orElseThrow());
            }
            return Result.ok(new RoundCalls.Share(address(n), study(n), n.required("round").asInt(), roster,
                    n.required("threshold").asInt()));
        } catch (RuntimeException e) {
            return malformed(e);
        }
    }

    public static ObjectNode sealed(Map<Integer, byte[]> sealed) {
        ObjectNode n = JSON.createObjectNode();
        sealed.forEach((id, b) -> n.put(id.toString(), B64.encodeToString(b)));
        return n;
    }

    public static Result<Map<Integer, byte[]>> sealed(JsonNode n) {
        try {
            Map<Integer, byte[]> out = new TreeMap<>();
            for (Map.Entry<String, JsonNode> e : n.properties()) {
                out.put(Integer.valueOf(e.getKey()), UNB64.decode(e.getValue().asText()));
            }
            return Result.ok(out);
        } catch (RuntimeException e) {
            return malformed(e);
        }
    }

    public static ObjectNode mask(RoundCalls.Mask c) {
        ObjectNode n = head(c.audience(), c.study(), c.round()).put("last", c.last());
        c.maskWith().forEach(n.putArray("maskWith")::add);
        n.set("sealedToMe", sealed(c.sealedToMe()));
        return n;
    }

    public static Result<RoundCalls.Mask> mask(JsonNode n) {
        try {
            List<Integer> with = new ArrayList<>();
            n.required("maskWith").forEach(x -> with.add(x.asInt()));
            return sealed(n.required("sealedToMe")).map(toMe -> new RoundCalls.Mask(address(n), study(n),
                    n.required("round").asInt(), with, toMe, n.required("last").asBoolean()));
        } catch (RuntimeException e) {
            return malformed(e);
        }
    }

    public static ObjectNode masked(RoundCalls.Masked m) {
        ObjectNode n = JSON.createObjectNode();
        ArrayNode words = n.putArray("masked");
        for (long w : m.masked()) {
            words.add(w);
        }
        m.patients().ifPresent(p -> n.put("patients", p));
        return n;
    }

    public static Result<RoundCalls.Masked> masked(JsonNode n) {
        try {
            JsonNode words = n.required("masked");
            long[] out = new long[words.size()];
            for (int i = 0; i < out.length; i++) {
                out[i] = words.get(i).longValue();
            }
            return Result.ok(new RoundCalls.Masked(out, n.has("patients")
                    ? Optional.of(n.get("patients").asInt())
                    : Optional.empty()));
        } catch (RuntimeException e) {
            return malformed(e);
        }
    }

    public static ObjectNode unmask(RoundCalls.Unmask c) {
        ObjectNode n = head(c.audience(), c.study(), c.round());
        c.dropped().forEach(n.putArray("dropped")::add);
        return n;
    }

    public static Result<RoundCalls.Unmask> unmask(JsonNode n) {
        try {
            List<Integer> dropped = new ArrayList<>();
            n.required("dropped").forEach(x -> dropped.add(x.asInt()));
            return Result.ok(new RoundCalls.Unmask(address(n), study(n), n.required("round").asInt(), dropped));
        } catch (RuntimeException e) {
            return malformed(e);
        }
    }

    public static ObjectNode shares(RoundCalls.Shares s) {
        ObjectNode n = JSON.createObjectNode();
        s.shares().forEach((id, share) -> n.put(id.toString(), B64.encodeToString(share.encode())));
        return n;
    }

    public static Result<RoundCalls.Shares> shares(JsonNode n) {
        try {
            Map<Integer, ShamirShare> out = new TreeMap<>();
            for (Map.Entry<String, JsonNode> e : n.properties()) {
                out.put(Integer.valueOf(e.getKey()), ShamirShare.decode(UNB64.decode(e.getValue().asText())));
            }
            return Result.ok(new RoundCalls.Shares(out));
        } catch (RuntimeException e) {
            return malformed(e);
        }
    }

    public static ObjectNode payees(RoundCalls.Payees c) {
        return head(c.audience(), c.study(), c.round());
    }

    public static Result<RoundCalls.Payees> payees(JsonNode n) {
        try {
            return Result.ok(new RoundCalls.Payees(address(n), study(n), n.required("round").asInt()));
        } catch (RuntimeException e) {
            return malformed(e);
        }
    }

    public static ObjectNode payeeList(RoundCalls.PayeeList l) {
        ObjectNode n = JSON.createObjectNode();
        ArrayNode a = n.putArray("payouts");
        for (Payout p : l.payouts()) {
            ObjectNode o = a.addObject().put("pseudonym", p.pseudonym().hex()).put("patient", p.patient().hex());
            p.caregiver().ifPresent(c -> o.put("caregiver", c.hex()));
            ArrayNode providers = o.putArray("providers");
            p.providers().forEach(s -> providers.addObject().put("provider", s.provider().hex()).put("weight",
                    s.weight()));
        }
        return n;
    }

    public static Result<RoundCalls.PayeeList> payeeList(JsonNode n) {
        try {
            List<Payout> out = new ArrayList<>();
            for (JsonNode o : n.required("payouts")) {
                List<ProviderShare> providers = new ArrayList<>();
                o.required("providers").forEach(s -> providers.add(new ProviderShare(new EvmAddress(s.required(
                        "provider").asText()), s.required("weight").asInt())));
                out.add(new Payout(Hash32.fromHex(o.required("pseudonym").asText()), new EvmAddress(o.required(
                        "patient").asText()), o.has("caregiver")
                                ? Optional.of(new EvmAddress(o.get("caregiver").asText()))
                                : Optional.empty(),
                        providers));
            }
            return Result.ok(new RoundCalls.PayeeList(out));
        } catch (RuntimeException e) {
            return malformed(e);
        }
    }

    private static ObjectNode head(EvmAddress audience, UUID study, int round) {
        return JSON.createObjectNode().put("audience", audience.hex()).put("study", study.toString())
                .put("round", round);
    }

    private static EvmAddress address(JsonNode n) {
        return new EvmAddress(n.required("audience").asText());
    }

    private static UUID study(JsonNode n) {
        return UUID.fromString(n.required("study").asText());
    }

    private static List<String> strings(JsonNode a) {
        List<String> out = new ArrayList<>();
        a.forEach(x -> out.add(x.asText()));
        return out;
    }

    private static List<Double> doubles(JsonNode a) {
        List<Double> out = new ArrayList<>();
        a.forEach(x -> out.add(x.asDouble()));
        return out;
    }

    private static <T> Result<T> malformed(RuntimeException e) {
        return Result.fail(ErrorCode.INVALID_REQUEST, "a malformed study message: " + e.getMessage());
    }
}
