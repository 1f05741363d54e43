package io.salus.crypto;

import static org.assertj.core.api.Assertions.assertThat;

import java.security.SecureRandom;
import org.junit.jupiter.api.Test;

class ApiTokensTest {
    private final ApiTokens tokens = new ApiTokens(new SecureRandom());

    @Test
    void issuedTokens_carryThePrefix_areUrlSafe_andHashToTheStoredValue() {
        ApiTokens.Issued issued = tokens.issue();
        assertThat(issued.token()).startsWith("salus_").hasSize(49).matches("salus_[A-Za-z0-9_-]{43}");
        assertThat(ApiTokens.looksLikeToken(issued.token())).isTrue();
        assertThat(ApiTokens.hash(issued.token())).isEqualTo(issued.hash());
        assertThat(issued.toString()).doesNotContain(issued.token());
    }

    @Test
    void twoTokens_differ() {
        assertThat(tokens.issue().token()).isNotEqualTo(tokens.issue().token());
    }

    @Test
    void otherStrings_doNotLookLikeTokens() {
        assertThat(ApiTokens.looksLikeToken(null)).isFalse();
        assertThat(ApiTokens.looksLikeToken("salus_short")).isFalse();
        assertThat(ApiTokens.looksLikeToken("other_" + "a".repeat(43))).isFalse();
        assertThat(ApiTokens.looksLikeToken("salus_" + "a".repeat(42) + "=")).isFalse();
    }
}
