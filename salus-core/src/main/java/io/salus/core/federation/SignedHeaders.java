package io.salus.core.federation;

import io.salus.core.merkle.Hashing;
import java.util.Base64;
import java.util.Optional;

/**
 * The three headers of a signed node request: {@code Content-Digest} (RFC 9530, {@code sha-256}),
 * {@code Signature-Input} and {@code Signature} (RFC 9421). Immutable.
 */
public record SignedHeaders(String contentDigest, String signatureInput, String signature) {
    public static final String CONTENT_DIGEST = "Content-Digest";
    public static final String SIGNATURE_INPUT = "Signature-Input";
    public static final String SIGNATURE = "Signature";

    /** The {@code Content-Digest} value of a body: {@code sha-256=:<base64>:}. */
    public static String digestOf(byte[] body) {
        return "sha-256=:" + Base64.getEncoder().encodeToString(Hashing.sha256(body).bytes()) + ":";
    }

    /** The {@code Signature} header value of a signature labelled {@code sig1}. */
    static String signatureHeader(byte[] signature) {
        return SignatureInput.LABEL + "=:" + Base64.getEncoder().encodeToString(signature) + ":";
    }

    /** The signature bytes of a {@code Signature} header labelled {@code sig1}, if well formed. */
    Optional<byte[]> signatureBytes() {
        String prefix = SignatureInput.LABEL + "=:";
        if (signature == null || !signature.startsWith(prefix) || !signature.endsWith(":")
                || signature.length() > 200) {
            return Optional.empty();
        }
        try {
            return Optional.of(Base64.getDecoder().decode(signature.substring(prefix.length(),
                    signature.length() - 1)));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }
}
