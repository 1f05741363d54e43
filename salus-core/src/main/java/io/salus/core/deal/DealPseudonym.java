package io.salus.core.deal;

import io.salus.core.account.EvmAddress;
import io.salus.core.merkle.Hash32;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * A patient's pseudonym in one deal: HMAC-SHA256(deal secret, "salus/deal/1|" ‖ deal id ‖ "|" ‖ address). It is the
 * patient's leaf pseudonym in the committed cohort and the id of their Patient resource in the package, so a consumer
 * can check that every patient in the package was paid, and no more; it is stable within the deal only. Stateless.
 */
public final class DealPseudonym {
    private DealPseudonym() {
    }

    public static Hash32 of(byte[] dealSecret, Hash32 dealId, EvmAddress patient) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(dealSecret, "HmacSHA256"));
            return Hash32.of(mac.doFinal(("salus/deal/1|" + dealId.hex() + "|" + patient.hex())
                    .getBytes(StandardCharsets.UTF_8)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HMAC-SHA256 missing from the JDK", e);
        }
    }
}
