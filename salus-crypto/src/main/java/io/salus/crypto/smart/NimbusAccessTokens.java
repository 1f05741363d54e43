package io.salus.crypto.smart;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jose.crypto.MACVerifier;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import io.salus.core.account.AccountId;
import io.salus.core.smart.AccessTokens;
import java.text.ParseException;
import java.util.Date;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Supplier;

/**
 * SMART access tokens as JWTs (RFC 9068 profile, {@code typ: at+jwt}) signed with HMAC-SHA-256 under a 256-bit secret
 * of the node: the node is both the authorization server and the only resource server, so nobody else needs to verify
 * them, and a MAC keeps verification cheap on every FHIR call. Any other algorithm, header type or a token with
 * missing claims is refused. Thread-safe.
 */
public final class NimbusAccessTokens implements AccessTokens {
    private static final JOSEObjectType TYPE = new JOSEObjectType("at+jwt");
    private final MACSigner signer;
    private final MACVerifier verifier;
    private final Supplier<String> issuer;

    /**
     * @param secret
     *            at least 32 random bytes
     * @param issuer
     *            the {@code iss} of every token (the node's base URL)
     */
    public NimbusAccessTokens(byte[] secret, Supplier<String> issuer) {
        if (secret.length < 32) {
            throw new IllegalArgumentException("the access-token secret must have at least 256 bits");
        }
        try {
            this.signer = new MACSigner(secret);
            this.verifier = new MACVerifier(secret);
        } catch (JOSEException e) {
            throw new IllegalArgumentException("unusable access-token secret", e);
        }
        this.issuer = issuer;
    }

    @Override
    public String sign(Claims c) {
        JWTClaimsSet claims = new JWTClaimsSet.Builder().jwtID(c.tokenId()).issuer(issuer.get()).audience(c.audience())
                .subject(c.patient().toString()).issueTime(Date.from(c.issuedAt()))
                .expirationTime(Date.from(c.expiresAt())).claim("client_id", c.clientId()).claim("scope", c.scope())
                .claim("patient", c.patient().toString()).claim("grant", c.grantId().toString()).build();
        SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.HS256).type(TYPE).build(), claims);
        try {
            jwt.sign(signer);
        } catch (JOSEException e) {
            throw new IllegalStateException("cannot sign an access token", e);
        }
        return jwt.serialize();
    }

    @Override
    public Optional<Claims> verify(String token) {
        try {
            SignedJWT jwt = SignedJWT.parse(token);
            if (!JWSAlgorithm.HS256.equals(jwt.getHeader().getAlgorithm()) || !TYPE.equals(jwt.getHeader().getType())
                    || !jwt.verify(verifier)) {
                return Optional.empty();
            }
            JWTClaimsSet c = jwt.getJWTClaimsSet();
            if (!issuer.get().equals(c.getIssuer()) || c.getAudience().size() != 1 || c.getJWTID() == null
                    || c.getIssueTime() == null || c.getExpirationTime() == null) {
                return Optional.empty();
            }
            Optional<AccountId> patient = AccountId.parse(c.getStringClaim("patient"));
            String grant = c.getStringClaim("grant");
            String client = c.getStringClaim("client_id");
            String scope = c.getStringClaim("scope");
            if (patient.isEmpty() || grant == null || client == null || scope == null) {
                return Optional.empty();
            }
            return Optional.of(new Claims(c.getJWTID(), UUID.fromString(grant), client, patient.get(), scope,
                    c.getAudience().get(0), c.getIssueTime().toInstant(), c.getExpirationTime().toInstant()));
        } catch (ParseException | JOSEException | IllegalArgumentException e) {
            return Optional.empty();
        }
    }
}
