package io.salus.crypto.credential;

import com.authlete.sd.Disclosure;
import com.authlete.sd.SDJWT;
import com.authlete.sd.SDObjectBuilder;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Issues IETF SD-JWT VCs ({@code typ} {@code dc+sd-jwt}) signed with the issuer account's secp256k1 key, with one
 * salted disclosure per selectively disclosable claim and the IETF Token Status List reference. Stateless and
 * thread-safe.
 */
public final class CredentialIssuer {
    public static final String TYPE = "dc+sd-jwt";

    private CredentialIssuer() {
    }

    /** The SD-JWT: the issuer-signed JWT followed by every disclosure ({@code jwt~d1~...~dn~}). */
    public static String issue(CredentialDraft d, byte[] issuerPrivateKey) {
        SDObjectBuilder builder = new SDObjectBuilder();
        List<Disclosure> disclosures = new ArrayList<>();
        d.disclosable().forEach((name, value) -> disclosures.add(builder.putSDClaim(name, value)));
        builder.putClaim("vct", d.kind().vct());
        builder.putClaim("jti", d.id());
        builder.putClaim("iss", d.issuerDid());
        builder.putClaim("sub", d.subjectDid());
        builder.putClaim("iat", d.issuedAt().getEpochSecond());
        builder.putClaim("nbf", d.issuedAt().getEpochSecond());
        builder.putClaim("exp", d.expiresAt().getEpochSecond());
        builder.putClaim("cnf", Map.of("jwk", d.holderKey().toPublicJWK().toJSONObject()));
        Map<String, Object> statusList = new LinkedHashMap<>();
        statusList.put("idx", d.statusIndex());
        statusList.put("uri", d.statusUri());
        builder.putClaim("status", Map.of("status_list", statusList));
        builder.putClaim("attestation_id", d.attestationId());
        Map<String, Object> claims = builder.build(true);
        String jwt = IssuerSignature.sign(TYPE, claims, issuerPrivateKey);
        return new SDJWT(jwt, disclosures).toString();
    }
}
