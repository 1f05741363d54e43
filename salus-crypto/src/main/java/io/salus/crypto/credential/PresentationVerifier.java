package io.salus.crypto.credential;

import com.authlete.sd.Disclosure;
import com.authlete.sd.SDJWT;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.crypto.ECDSAVerifier;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import io.salus.core.account.EvmAddress;
import io.salus.core.consent.AttestationType;
import io.salus.core.credential.VerifiedPresentation;
import io.salus.core.error.ErrorCode;
import io.salus.core.error.Result;
import java.text.ParseException;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.BiPredicate;
import java.util.function.Function;

/**
 * Verifies an SD-JWT+KB presentation, refusing with the first failing check's own code: parse
 * ({@code CREDENTIAL_MALFORMED}); issuer signature by the {@code iss} account's key and every disclosure's digest in
 * the signed {@code _sd} ({@code CREDENTIAL_TAMPERED}); a known {@code vct} and a type it stands for
 * ({@code UNSUPPORTED_CREDENTIAL_TYPE}); the issuer trusted for that type ({@code UNTRUSTED_CREDENTIAL_ISSUER});
 * {@code nbf}/{@code exp} ({@code CREDENTIAL_NOT_YET_VALID}, {@code CREDENTIAL_EXPIRED}); a key-binding JWT
 * ({@code KEY_BINDING_MISSING}) of type {@code kb+jwt} signed with the {@code cnf} key over the presented
 * {@code sd_hash} ({@code KEY_BINDING_INVALID}); its audience ({@code WRONG_AUDIENCE}); its {@code iat} fresh
 * ({@code KEY_BINDING_STALE}); the status list bit, from a status list token signed by the issuer
 * ({@code CREDENTIAL_REVOKED}, {@code STATUS_LIST_UNAVAILABLE}); the claims the type needs disclosed
 * ({@code MISSING_DISCLOSURE}). The nonce and the holder are for the caller. Thread-safe.
 */
public final class PresentationVerifier {
    private static final Duration SKEW = Duration.ofSeconds(60);
    private static final ObjectMapper JSON = new ObjectMapper();
    private final Duration maxKeyBindingAge;
    private final Function<String, Optional<String>> statusTokens;
    private final BiPredicate<EvmAddress, AttestationType> trusted;

    /**
     * @param statusTokens the status list token published at a URI (read locally, never fetched over the network)
     * @param trusted whether an issuer address is trusted on chain for an attestation type
     */
    public PresentationVerifier(Duration maxKeyBindingAge, Function<String, Optional<String>> statusTokens,
            BiPredicate<EvmAddress, AttestationType> trusted) {
        this.maxKeyBindingAge = maxKeyBindingAge;
        this.statusTokens = statusTokens;
        this.trusted = trusted;
    }

    public Result<VerifiedPresentation> verify(String presentation, String audience, Instant now) {
        SDJWT sd;
        SignedJWT jwt;
        JWTClaimsSet claims;
        try {
            sd = SDJWT.parse(presentation.trim());
            jwt = SignedJWT.parse(sd.getCredentialJwt());
            claims = jwt.getJWTClaimsSet();
        } catch (ParseException | RuntimeException e) {
            return Result.fail(ErrorCode.CREDENTIAL_MALFORMED, "not an SD-JWT presentation: " + e.getMessage());
        }
        Optional<EvmAddress> issuer = IssuerSignature.verify(jwt, CredentialIssuer.TYPE);
        if (issuer.isEmpty()) {
            return Result.fail(ErrorCode.CREDENTIAL_TAMPERED,
                    "the credential's signature does not verify with the key of its issuer DID");
        }
        Result<Map<String, Object>> disclosed = Disclosures.check(claims, sd.getDisclosures());
        if (!disclosed.isOk()) {
            return disclosed.propagate();
        }
        return Claims.read(claims, issuer.get(), disclosed.orElseThrow())
                .flatMap(c -> checkTrustAndTime(c, now))
                .flatMap(c -> keyBinding(sd, c, audience, now))
                .flatMap(this::status)
                .flatMap(PresentationVerifier::required);
    }

    private Result<Claims> checkTrustAndTime(Claims c, Instant now) {
        if (!trusted.test(c.issuer(), c.type())) {
            return Result.fail(ErrorCode.UNTRUSTED_CREDENTIAL_ISSUER,
                    "issuer " + c.issuer() + " is not trusted on chain for " + c.type());
        }
        if (now.plus(SKEW).isBefore(c.validFrom())) {
            return Result.fail(ErrorCode.CREDENTIAL_NOT_YET_VALID, "the credential is valid from " + c.validFrom());
        }
        if (!now.isBefore(c.validUntil())) {
            return Result.fail(ErrorCode.CREDENTIAL_EXPIRED, "the credential expired at " + c.validUntil());
        }
        return Result.ok(c);
    }

    private Result<Claims> keyBinding(SDJWT sd, Claims c, String audience, Instant now) {
        if (sd.getBindingJwt() == null || sd.getBindingJwt().isEmpty()) {
            return Result.fail(ErrorCode.KEY_BINDING_MISSING, "the presentation ends without a key-binding JWT");
        }
        JWTClaimsSet kb;
        try {
            SignedJWT kbJwt = SignedJWT.parse(sd.getBindingJwt());
            JWK cnf = c.holderKey();
            if (!(cnf instanceof ECKey holder) || !Curve.P_256.equals(holder.getCurve())
                    || !JWSAlgorithm.ES256.equals(kbJwt.getHeader().getAlgorithm())
                    || kbJwt.getHeader().getType() == null
                    || !Holder.KB_TYPE.equals(kbJwt.getHeader().getType().getType())
                    || !kbJwt.verify(new ECDSAVerifier(holder.toPublicJWK()))) {
                return Result.fail(ErrorCode.KEY_BINDING_INVALID,
                        "the key-binding JWT is not signed with the credential's holder key");
            }
            kb = kbJwt.getJWTClaimsSet();
        } catch (ParseException | JOSEException | RuntimeException e) {
            return Result.fail(ErrorCode.KEY_BINDING_INVALID, "the key-binding JWT is malformed");
        }
        String expectedHash = new SDJWT(sd.getCredentialJwt(), sd.getDisclosures()).getSDHash();
        if (!expectedHash.equals(kb.getClaim("sd_hash"))) {
            return Result.fail(ErrorCode.KEY_BINDING_INVALID,
                    "the key-binding JWT's sd_hash is not the hash of what is presented");
        }
        List<String> aud = kb.getAudience();
        if (aud == null || aud.size() != 1 || !audience.equals(aud.getFirst())) {
            return Result.fail(ErrorCode.WRONG_AUDIENCE, "the presentation is for " + aud + ", not " + audience);
        }
        if (kb.getIssueTime() == null || kb.getIssueTime().toInstant().isAfter(now.plus(SKEW))
                || kb.getIssueTime().toInstant().isBefore(now.minus(maxKeyBindingAge))) {
            return Result.fail(ErrorCode.KEY_BINDING_STALE,
                    "the key-binding JWT must be issued within " + maxKeyBindingAge + " of " + now);
        }
        if (!(kb.getClaim("nonce") instanceof String nonce) || nonce.isEmpty()) {
            return Result.fail(ErrorCode.WRONG_NONCE, "the key-binding JWT carries no nonce");
        }
        return Result.ok(c.withNonce(nonce));
    }

    private Result<Claims> status(Claims c) {
        Optional<StatusList> list = statusTokens.apply(c.statusUri())
                .flatMap(t -> StatusListToken.verify(t, c.statusUri(), c.issuer()));
        if (list.isEmpty()) {
            return Result.fail(ErrorCode.STATUS_LIST_UNAVAILABLE,
                    "no status list signed by the issuer is published at " + c.statusUri());
        }
        try {
            if (list.get().revoked(c.statusIndex())) {
                return Result.fail(ErrorCode.CREDENTIAL_REVOKED, "the issuer revoked credential " + c.id());
            }
        } catch (IllegalArgumentException e) {
            return Result.fail(ErrorCode.STATUS_LIST_UNAVAILABLE, e.getMessage());
        }
        return Result.ok(c);
    }

    private static Result<VerifiedPresentation> required(Claims c) {
        for (String name : c.kind().required()) {
            if (!c.disclosed().containsKey(name)) {
                return Result.fail(ErrorCode.MISSING_DISCLOSURE,
                        "a " + c.kind() + " presentation must disclose '" + name + "'");
            }
        }
        return Purposes.mask(c.disclosed().get("purposes"))
                .map(p -> new VerifiedPresentation(c.id(), c.type(), c.issuer(), c.subjectDid(), p,
                        new LinkedHashMap<>(c.disclosed()), json(c.disclosed()), c.validFrom(), c.validUntil(),
                        c.statusUri(), c.statusIndex(), c.attestationId(), c.nonce()));
    }

    private static String json(Map<String, Object> disclosed) {
        try {
            return JSON.writeValueAsString(disclosed);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("disclosed claims are not JSON", e);
        }
    }
}
