package io.salus.crypto.credential;

import com.authlete.sd.Disclosure;
import com.authlete.sd.SDJWT;
import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.ECDSASigner;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.gen.ECKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.Set;

/**
 * The holder's side, run where the holder's private key lives (the CLI wallet, tests): a P-256 holder key, and a
 * presentation that keeps only the chosen disclosures and ends with a key-binding JWT ({@code typ} {@code kb+jwt},
 * ES256) over the verifier's audience and nonce and the {@code sd_hash} of what is presented. Stateless and
 * thread-safe.
 */
public final class Holder {
    public static final String KB_TYPE = "kb+jwt";

    private Holder() {
    }

    /** A new holder key pair (keep the private half with the holder; put its public half into credentials). */
    public static ECKey newKey() {
        try {
            return new ECKeyGenerator(Curve.P_256).keyIDFromThumbprint(true).generate();
        } catch (JOSEException e) {
            throw new IllegalStateException("cannot generate a P-256 key", e);
        }
    }

    /** The names of a credential's selectively disclosable claims. */
    public static List<String> claimNames(String sdJwt) {
        return SDJWT.parse(sdJwt).getDisclosures().stream().map(Disclosure::getClaimName).toList();
    }

    /**
     * The SD-JWT+KB for a verifier: the issuer-signed JWT, the disclosures of the claims named in {@code disclose}
     * (others are left out), and a key-binding JWT signed with {@code holderKey}.
     */
    public static String present(String sdJwt, Set<String> disclose, ECKey holderKey, String audience, String nonce,
            Instant issuedAt) {
        SDJWT full = SDJWT.parse(sdJwt);
        List<Disclosure> chosen = full.getDisclosures().stream().filter(d -> disclose.contains(d.getClaimName()))
                .toList();
        SDJWT withoutKb = new SDJWT(full.getCredentialJwt(), chosen);
        return new SDJWT(full.getCredentialJwt(), chosen,
                keyBinding(holderKey, audience, nonce, issuedAt, withoutKb.getSDHash())).toString();
    }

    static String keyBinding(ECKey holderKey, String audience, String nonce, Instant issuedAt, String sdHash) {
        try {
            JWTClaimsSet claims = new JWTClaimsSet.Builder().audience(audience).issueTime(Date.from(issuedAt))
                    .claim("nonce", nonce).claim("sd_hash", sdHash).build();
            SignedJWT kb = new SignedJWT(
                    new JWSHeader.Builder(JWSAlgorithm.ES256).type(new JOSEObjectType(KB_TYPE)).build(), claims);
            kb.sign(new ECDSASigner(holderKey));
            return kb.serialize();
        } catch (JOSEException e) {
            throw new IllegalArgumentException("the holder key cannot sign (is it a private P-256 JWK?)", e);
        }
    }
}
