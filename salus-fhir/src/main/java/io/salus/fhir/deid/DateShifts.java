package io.salus.fhir.deid;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * One date shift per patient and consumer organisation: {@code HMAC-SHA256(secret, "salus/deid/2|shift|" ‖
 * organisation ‖ "|" ‖ patient)} read as a signed 64-bit integer, mod 365, minus 182: a day count in [-182, +182]. The
 * secret is the node's (sealed under its KEK), so the shift is kept sealed: an organisation that buys several deals
 * covering the same patient sees the same shift every time and so learns nothing new about the true dates, and two
 * organisations see unrelated shifts. Thread-safe; the secret is copied in.
 */
public final class DateShifts {
    /** Shifts are drawn uniformly from {@code [-MAX_SHIFT_DAYS, +MAX_SHIFT_DAYS]}. */
    public static final int MAX_SHIFT_DAYS = Pseudonyms.MAX_SHIFT_DAYS;
    private final byte[] secret;

    public DateShifts(byte[] secret) {
        if (secret.length < 32) {
            throw new IllegalArgumentException("a date-shift secret is at least 32 bytes");
        }
        this.secret = secret.clone();
    }

    /** The shift of a patient (any stable reference, e.g. the account id) for an organisation. */
    public int days(String organisation, String patient) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret, "HmacSHA256"));
            byte[] h = mac.doFinal(("salus/deid/2|shift|" + organisation + "|" + patient)
                    .getBytes(StandardCharsets.UTF_8));
            long v = ByteBuffer.wrap(h).getLong();
            return (int) Math.floorMod(v, 2L * MAX_SHIFT_DAYS + 1) - MAX_SHIFT_DAYS;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HMAC-SHA256 missing from the JDK", e);
        }
    }
}
