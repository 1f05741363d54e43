package io.salus.core.credential;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The public key a credential is bound to (its {@code cnf}), as a JWK: only the holder of the private half can present
 * the credential. Obtained from {@link io.salus.core.port.CredentialSigner#holderKey}, which checks it. Immutable.
 */
public record HolderKey(Map<String, Object> jwk) {
    public HolderKey {
        jwk = Collections.unmodifiableMap(new LinkedHashMap<>(jwk));
    }
}
