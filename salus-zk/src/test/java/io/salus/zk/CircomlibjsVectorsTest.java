package io.salus.zk;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.salus.zk.BabyJubJub.Point;
import io.salus.zk.EdDsaPoseidon.PrivateKey;
import io.salus.zk.EdDsaPoseidon.Signature;
import java.io.IOException;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The Java Poseidon, BLAKE-512 and EdDSA-Poseidon against circomlibjs 0.1.7 (the locked npm package) on random inputs:
 * the same hashes, the same public keys, the same signatures, and each side's signatures verify on the other.
 */
class CircomlibjsVectorsTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final long SEED = new Random().nextLong();
    private static final List<List<BigInteger>> POSEIDON_INPUTS = new ArrayList<>();
    private static final List<byte[]> BLAKE_INPUTS = new ArrayList<>();
    private static final List<byte[]> KEYS = new ArrayList<>();
    private static final List<BigInteger> MESSAGES = new ArrayList<>();
    private static JsonNode expected;

    @BeforeAll
    static void askCircomlibjs() throws IOException, InterruptedException {
        Random random = new Random(SEED);
        ObjectNode req = JSON.createObjectNode();
        ArrayNode poseidon = req.putArray("poseidon");
        for (int n = 1; n <= Poseidon.MAX_INPUTS; n++) {
            for (int k = 0; k < 3; k++) {
                List<BigInteger> in = new ArrayList<>();
                for (int i = 0; i < n; i++) {
                    in.add(k == 0 ? BigInteger.valueOf(i + 1) : new BigInteger(253, random).mod(Bn254.R));
                }
                POSEIDON_INPUTS.add(in);
                ArrayNode a = poseidon.addArray();
                in.forEach(x -> a.add(x.toString()));
            }
        }
        ArrayNode blake = req.putArray("blake512");
        for (int len : new int[]{0, 1, 32, 64, 110, 111, 112, 127, 128, 129, 255, 256, 300}) {
            byte[] b = new byte[len];
            random.nextBytes(b);
            BLAKE_INPUTS.add(b);
            blake.add(HexFormat.of().formatHex(b));
        }
        ArrayNode eddsa = req.putArray("eddsa");
        for (int i = 0; i < 6; i++) {
            byte[] key = new byte[32];
            random.nextBytes(key);
            BigInteger msg = new BigInteger(253, random).mod(Bn254.R);
            KEYS.add(key);
            MESSAGES.add(msg);
            eddsa.addObject().put("key", HexFormat.of().formatHex(key)).put("msg", msg.toString());
        }
        expected = runVectors(req);
    }

    private static JsonNode runVectors(ObjectNode req) throws IOException, InterruptedException {
        Process p = new ProcessBuilder("node", ZkHome.dir().resolve("src/test/js/vectors.mjs").toString())
                .redirectError(ProcessBuilder.Redirect.INHERIT).start();
        p.getOutputStream().write(JSON.writeValueAsBytes(req));
        p.getOutputStream().close();
        byte[] out = p.getInputStream().readAllBytes();
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).as("vectors.mjs exit").isZero();
        return JSON.readTree(new String(out, StandardCharsets.UTF_8));
    }

    @Test
    void poseidonEqualsCircomlibjsForOneToFiveInputs() {
        for (int i = 0; i < POSEIDON_INPUTS.size(); i++) {
            assertThat(Poseidon.hash(POSEIDON_INPUTS.get(i).toArray(BigInteger[]::new)))
                    .as("Poseidon%s (seed %d)", POSEIDON_INPUTS.get(i), SEED)
                    .isEqualTo(new BigInteger(expected.path("poseidon").get(i).asText()));
        }
    }

    @Test
    void blake512EqualsBlakeHashAcrossPaddingBoundaries() {
        for (int i = 0; i < BLAKE_INPUTS.size(); i++) {
            assertThat(HexFormat.of().formatHex(Blake512.digest(BLAKE_INPUTS.get(i))))
                    .as("BLAKE-512 of %d bytes (seed %d)", BLAKE_INPUTS.get(i).length, SEED)
                    .isEqualTo(expected.path("blake512").get(i).asText());
        }
    }

    @Test
    void keysAndSignaturesEqualCircomlibjsAndVerifyBothWays() {
        for (int i = 0; i < KEYS.size(); i++) {
            JsonNode v = expected.path("eddsa").get(i);
            PrivateKey key = new PrivateKey(KEYS.get(i));
            Point circomlibjsKey = new Point(big(v, "ax"), big(v, "ay"));
            Signature circomlibjsSig = new Signature(new Point(big(v, "r8x"), big(v, "r8y")), big(v, "s"));
            assertThat(key.publicKey()).as("public key (seed %d)", SEED).isEqualTo(circomlibjsKey);
            assertThat(key.sign(MESSAGES.get(i))).as("signature (seed %d)", SEED).isEqualTo(circomlibjsSig);
            assertThat(v.path("valid").asBoolean()).isTrue();
            assertThat(EdDsaPoseidon.verify(MESSAGES.get(i), circomlibjsSig, circomlibjsKey)).isTrue();
        }
    }

    private static BigInteger big(JsonNode n, String field) {
        return new BigInteger(n.path(field).asText());
    }
}
