package io.salus.core.custody;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.salus.core.account.EvmAddress;
import io.salus.core.consent.AttestationType;
import io.salus.core.consent.Purpose;
import io.salus.core.merkle.Hash32;
import io.salus.core.record.Category;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** A device shows the patient the signed fields in words, decoded from the bit masks it signs. */
class ConsentWordsTest {
    static final String PATIENT = "0x" + "ab".repeat(20);

    @Test
    void aGrantsSignedFields_readAsWhoWhatWhyWhenAndPrice() {
        Map<String, Object> m = new HashMap<>(Map.of("patient", PATIENT, "signer", PATIENT, "categories",
                Category.VITAL_SIGNS.mask() | Category.LAB_RESULTS.mask(), "attestationTypes",
                AttestationType.PUBLIC_HEALTH.mask(), "purposes", Purpose.PUBHLTH.mask(), "validFrom", 0L,
                "validUntil", "86400", "minPrice", "25", "consumer", "0x" + "0".repeat(40)));
        String words = ConsentWords.grant(m);
        assertThat(words).startsWith("You allow public health to use your ").contains("vital signs")
                .contains("lab results").contains("for public health, from 1970-01-01T00:00:00Z until "
                        + "1970-01-02T00:00:00Z, at a price of at least 25 per patient")
                .contains(PATIENT)
                .doesNotContain("only the consumer");
        m.put("consumer", "0x" + "12".repeat(20));
        assertThat(ConsentWords.grant(m)).contains("(only the consumer 0x1212");
        m.remove("purposes");
        assertThatThrownBy(() -> ConsentWords.grant(m)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void theSignUpAndTakeCustodyDigests_bindEveryKeyTheyName() {
        EvmAddress a = new EvmAddress(PATIENT);
        EvmAddress b = new EvmAddress("0x" + "cd".repeat(20));
        byte[] k1 = new byte[32];
        byte[] k2 = new byte[32];
        k2[0] = 1;
        Hash32 signUp = SignUpProof.digest(1337, a, k1);
        assertThat(signUp).isNotEqualTo(SignUpProof.digest(1338, a, k1)).isNotEqualTo(SignUpProof.digest(1337, b, k1))
                .isNotEqualTo(SignUpProof.digest(1337, a, k2));
        Hash32 take = TakeCustodyProof.digest(1337, a, b, k1);
        assertThat(take).isNotEqualTo(TakeCustodyProof.digest(1337, b, a, k1))
                .isNotEqualTo(TakeCustodyProof.digest(1337, a, b, k2)).isNotEqualTo(signUp);
    }
}
