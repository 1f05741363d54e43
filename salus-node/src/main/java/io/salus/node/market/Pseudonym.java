package io.salus.node.market;

import io.salus.core.account.EvmAddress;
import io.salus.core.merkle.Hash32;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/** A patient's pseudonym in one deal: HMAC-SHA256(deal secret, deal id ‖ address). Stable within the deal only. */
final class Pseudonym {
    private Pseudonym() {
    }

    static Hash32 of(byte[] dealSecret, String dealId, EvmAddress patient) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(dealSecret, "HmacSHA256"));
            return Hash32.of(mac.doFinal((dealId + "|" + patient.hex()).getBytes(StandardCharsets.UTF_8)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HMAC-SHA256 missing from the JDK", e);
        }
    }
}
