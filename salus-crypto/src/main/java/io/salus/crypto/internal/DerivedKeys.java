package io.salus.crypto.internal;

import io.salus.core.merkle.Hash32;
import io.salus.core.port.KeyPurpose;
import java.security.GeneralSecurityException;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.Map;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The node's purpose keys, one HMAC-SHA256 key per {@link KeyPurpose}, derived once from the KEK
 * ({@link Kek#derive}). Thread-safe: the keys are immutable; each hash uses its own {@link Mac}.
 */
public final class DerivedKeys {
    private static final String HMAC = "HmacSHA256";
    private final Map<KeyPurpose, SecretKeySpec> keys;

    private DerivedKeys(Map<KeyPurpose, SecretKeySpec> keys) {
        this.keys = keys;
    }

    public static DerivedKeys of(Kek kek) throws GeneralSecurityException {
        Map<KeyPurpose, SecretKeySpec> keys = new EnumMap<>(KeyPurpose.class);
        for (KeyPurpose p : KeyPurpose.values()) {
            byte[] k = kek.derive(p.label());
            keys.put(p, new SecretKeySpec(k, HMAC));
            Arrays.fill(k, (byte) 0);
        }
        return new DerivedKeys(keys);
    }

    public Hash32 hash(KeyPurpose purpose, byte[] message) {
        try {
            Mac mac = Mac.getInstance(HMAC);
            mac.init(keys.get(purpose));
            return Hash32.of(mac.doFinal(message));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HMAC-SHA256 is missing from the JDK", e);
        }
    }
}
