package io.salus.crypto;

import static org.assertj.core.api.Assertions.assertThat;

import io.salus.core.error.ErrorCode;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** A deal's secret, a package's content key, a node key: sealed under the KEK, opening only for their purpose. */
class NodeSecretSealingTest {
    static final TinkKeyManager KEYS = TestKeys.newManager();
    static final byte[] SECRET = "thirty-two bytes of a node secret".getBytes(StandardCharsets.UTF_8);

    @Test
    void aSealedSecret_opensForItsPurposeOnly_andNotUnderAnotherKek() {
        byte[] sealed = KEYS.sealSecret(SECRET, "deal-secret|0x01");

        assertThat(KEYS.openSecret(sealed, "deal-secret|0x01").orElseThrow()).isEqualTo(SECRET);
        assertThat(KEYS.openSecret(sealed, "deal-secret|0x02").failure().code()).isEqualTo(ErrorCode.KEY_UNAVAILABLE);
        assertThat(TestKeys.newManager().openSecret(sealed, "deal-secret|0x01").failure().code())
                .isEqualTo(ErrorCode.KEY_UNAVAILABLE);
        assertThat(new String(sealed, StandardCharsets.ISO_8859_1)).doesNotContain("node secret");
    }
}
