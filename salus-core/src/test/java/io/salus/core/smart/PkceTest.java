package io.salus.core.smart;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class PkceTest {

    @Test
    void theRfc7636Example_verifies() {
        String verifier = "dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk";
        assertThat(Pkce.s256(verifier)).isEqualTo("E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM");
        assertThat(Pkce.verifies(verifier, "E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM")).isTrue();
    }

    @Test
    void aWrongOrMalformedVerifier_doesNotVerify() {
        String challenge = Pkce.s256("dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk");
        assertThat(Pkce.verifies("dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXK", challenge)).isFalse();
        assertThat(Pkce.verifies("short", Pkce.s256("short"))).as("verifiers have 43 to 128 characters").isFalse();
        assertThat(Pkce.verifies(null, challenge)).isFalse();
        assertThat(Pkce.isChallenge("plain-text-challenge")).isFalse();
    }
}
