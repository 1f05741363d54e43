package io.salus.fhir.deid;

import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.HexFormat;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The deal-keyed pseudonym functions: {@code HMAC-SHA256(secret, "salus/deid/1|" ‖ dealId ‖ "|" ‖ label ‖ "|" ‖
 * value)}. Not thread-safe (one {@link Mac} per instance): one per de-identification call.
 */
final class Pseudonyms {
    /** Date shifts are drawn uniformly from {@code [-MAX_SHIFT_DAYS, +MAX_SHIFT_DAYS]}. */
    static final int MAX_SHIFT_DAYS = 182;

    private final Mac mac;
    private final byte[] prefix;

    Pseudonyms(DealKey key) {
        try {
            this.mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key.secret(), "HmacSHA256"));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HMAC-SHA256 missing from the JDK", e);
        }
        this.prefix = ("salus/deid/1|" + key.dealId() + "|").getBytes(StandardCharsets.UTF_8);
    }

    /** The pseudonymous id of a resource: 32 lowercase hex characters (128 bits), a valid FHIR id. */
    String id(String resourceType, String originalId) {
        byte[] h = hmac("id", resourceType + "/" + originalId);
        return HexFormat.of().formatHex(h, 0, 16);
    }

    /** The patient's date shift in days, in {@code [-182, +182]}. */
    int shiftDays(String patientId) {
        long v = ByteBuffer.wrap(hmac("shift", patientId)).getLong();
        return (int) Math.floorMod(v, 2L * MAX_SHIFT_DAYS + 1) - MAX_SHIFT_DAYS;
    }

    /** A pseudonymous OID under the UUID arc {@code 2.25} (for DICOM UIDs), 128 bits. */
    String oid(String original) {
        byte[] h = hmac("oid", original);
        byte[] first = new byte[16];
        System.arraycopy(h, 0, first, 0, 16);
        return "2.25." + new BigInteger(1, first);
    }

    private byte[] hmac(String label, String value) {
        mac.update(prefix);
        mac.update((label + "|").getBytes(StandardCharsets.UTF_8));
        return mac.doFinal(value.getBytes(StandardCharsets.UTF_8));
    }
}
