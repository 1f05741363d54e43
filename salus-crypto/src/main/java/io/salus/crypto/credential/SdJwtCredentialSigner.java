package io.salus.crypto.credential;

import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWK;
import io.salus.core.consent.AttestationType;
import io.salus.core.credential.HolderKey;
import io.salus.core.credential.UnsignedCredential;
import io.salus.core.error.ErrorCode;
import io.salus.core.error.Failure;
import io.salus.core.error.Result;
import io.salus.core.port.CredentialSigner;
import java.text.ParseException;
import java.time.Instant;
import java.util.BitSet;
import java.util.Map;

/**
 * {@link CredentialSigner} for IETF SD-JWT VCs ({@link CredentialIssuer}) and Token Status Lists
 * ({@link StatusListToken}), ES256K with the issuer account's key; holders bind presentations with a P-256 key.
 * Stateless and thread-safe.
 */
public final class SdJwtCredentialSigner implements CredentialSigner {

    @Override
    public boolean issues(AttestationType type) {
        return CredentialKind.of(type).isPresent();
    }

    @Override
    public Result<HolderKey> holderKey(Map<String, Object> jwk) {
        return ecKey(jwk).map(k -> new HolderKey(k.toJSONObject()));
    }

    @Override
    public String sign(UnsignedCredential c, byte[] issuerPrivateKey) {
        CredentialKind kind = CredentialKind.of(c.type())
                .orElseThrow(() -> new IllegalArgumentException(c.type() + " is not issued as a credential"));
        ECKey holder = ecKey(c.holderKey().jwk()).orElseThrow();
        return CredentialIssuer.issue(new CredentialDraft(c.id(), kind, c.issuerDid(), c.subjectDid(), holder,
                c.issuedAt(), c.expiresAt(), c.statusUri(), c.statusIndex(), c.attestationId(), c.disclosable()),
                issuerPrivateKey);
    }

    @Override
    public String signStatusList(BitSet revoked, String uri, String issuerDid, Instant issuedAt,
            byte[] issuerPrivateKey) {
        return StatusListToken.sign(StatusList.of(revoked), uri, issuerDid, issuedAt, issuerPrivateKey);
    }

    private static Result<ECKey> ecKey(Map<String, Object> jwk) {
        try {
            if (JWK.parse(jwk) instanceof ECKey ec && Curve.P_256.equals(ec.getCurve()) && !ec.isPrivate()) {
                return Result.ok(ec);
            }
        } catch (ParseException | RuntimeException e) {
            return Result.fail(Failure.of(ErrorCode.INVALID_HOLDER_KEY, "holderKey is not a JWK", "holderKey"));
        }
        return Result.fail(Failure.of(ErrorCode.INVALID_HOLDER_KEY,
                "holderKey must be a public EC P-256 JWK (never send the private half)", "holderKey"));
    }
}
