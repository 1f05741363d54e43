package io.salus.core.port;

import io.salus.core.consent.AttestationType;
import io.salus.core.credential.HolderKey;
import io.salus.core.credential.UnsignedCredential;
import io.salus.core.error.Result;
import java.time.Instant;
import java.util.BitSet;
import java.util.Map;

/**
 * Signs what an issuer publishes, with the issuer account's private key (unsealed by the caller for the call only):
 * verifiable credentials and the status list tokens that revoke them. Thread-safe.
 */
public interface CredentialSigner {

    /** Whether credentials standing for this attestation type can be issued. */
    boolean issues(AttestationType type);

    /** {@code INVALID_HOLDER_KEY} unless {@code jwk} is a public key a holder can bind presentations with. */
    Result<HolderKey> holderKey(Map<String, Object> jwk);

    /** The credential with every disclosure, ready for its holder. */
    String sign(UnsignedCredential credential, byte[] issuerPrivateKey);

    /** A status list token for {@code uri}: bit {@code i} set means the credential at status index {@code i} is revoked. */
    String signStatusList(BitSet revoked, String uri, String issuerDid, Instant issuedAt, byte[] issuerPrivateKey);
}
