package io.salus.core.federation;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class SignatureInputTest {
    private static final SignatureInput INPUT = new SignatureInput(SignatureInput.COMPONENTS, 1_700_000_000L,
            1_700_000_060L, "bm9uY2Utb2YtdGhlLXRlc3Q", "0x" + "ab".repeat(20));

    @Test
    void theSignatureBase_listsTheCoveredComponentsThenTheParameters_asRfc9421Section25() {
        assertThat(INPUT.base("POST", "/federation/counts", "sha-256=:X48E9qOokqqrvdts8nOJRJN3OWDUoyWxBf7kbu9DBPE=:"))
                .isEqualTo("\"@method\": POST\n"
                        + "\"@path\": /federation/counts\n"
                        + "\"content-digest\": sha-256=:X48E9qOokqqrvdts8nOJRJN3OWDUoyWxBf7kbu9DBPE=:\n"
                        + "\"@signature-params\": (\"@method\" \"@path\" \"content-digest\");created=1700000000;"
                        + "expires=1700000060;nonce=\"bm9uY2Utb2YtdGhlLXRlc3Q\";keyid=\"0x" + "ab".repeat(20)
                        + "\";alg=\"ed25519\"");
    }

    @Test
    void aHeader_parsesBackToTheSameParameters() {
        assertThat(SignatureInput.parse(INPUT.header())).contains(INPUT);
    }

    @Test
    void anotherLabel_anotherAlgorithm_orExtraParameters_doNotParse() {
        assertThat(SignatureInput.parse(INPUT.header().replace("sig1=", "sig2="))).isEmpty();
        assertThat(SignatureInput.parse(INPUT.header().replace("ed25519", "hmac-sha256"))).isEmpty();
        assertThat(SignatureInput.parse(INPUT.header() + ";tag=\"x\"")).isEmpty();
        assertThat(SignatureInput.parse(null)).isEmpty();
    }

    @Test
    void fewerComponents_parseAsFewer_soTheVerifierCanRefuseThem() {
        SignatureInput methodOnly = new SignatureInput(List.of("@method"), 1, 2, "bm9uY2Utb2YtdGhlLXRlc3Q",
                "0x" + "ab".repeat(20));
        assertThat(SignatureInput.parse(methodOnly.header()).orElseThrow().components()).containsExactly("@method");
    }

    @Test
    void theContentDigest_isTheBase64Sha256OfTheBody() {
        assertThat(SignedHeaders.digestOf("{\"hello\": \"world\"}".getBytes(java.nio.charset.StandardCharsets.UTF_8)))
                .isEqualTo("sha-256=:X48E9qOokqqrvdts8nOJRJN3OWDUoyWxBf7kbu9DBPE=:");
    }
}
