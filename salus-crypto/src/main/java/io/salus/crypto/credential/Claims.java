package io.salus.crypto.credential;

import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jwt.JWTClaimsSet;
import io.salus.core.account.EvmAddress;
import io.salus.core.consent.AttestationType;
import io.salus.core.error.ErrorCode;
import io.salus.core.error.Result;
import java.text.ParseException;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;

/** The always-visible claims of a verified credential, with the disclosed ones. Immutable. */
record Claims(String id, CredentialKind kind, AttestationType type, EvmAddress issuer, String subjectDid,
        JWK holderKey, Instant validFrom, Instant validUntil, String statusUri, int statusIndex, long attestationId,
        Map<String, Object> disclosed, String nonce) {

    Claims withNonce(String n) {
        return new Claims(id, kind, type, issuer, subjectDid, holderKey, validFrom, validUntil, statusUri,
                statusIndex, attestationId, disclosed, n);
    }

    static Result<Claims> read(JWTClaimsSet c, EvmAddress issuer, Map<String, Object> disclosed) {
        Optional<CredentialKind> kind = CredentialKind.ofVct(c.getClaim("vct"));
        if (kind.isEmpty()) {
            return Result.fail(ErrorCode.UNSUPPORTED_CREDENTIAL_TYPE, "unknown vct " + c.getClaim("vct"));
        }
        if (kind.get() == CredentialKind.CONSUMER_TYPE && !disclosed.containsKey("consumer_type")) {
            return Result.fail(ErrorCode.MISSING_DISCLOSURE, "a consumer-type presentation must disclose "
                    + "'consumer_type'");
        }
        Optional<AttestationType> type = kind.get().attestationType(disclosed.get("consumer_type"));
        if (type.isEmpty()) {
            return Result.fail(ErrorCode.UNSUPPORTED_CREDENTIAL_TYPE,
                    "unknown consumer type " + disclosed.get("consumer_type"));
        }
        try {
            Map<String, Object> cnf = c.getJSONObjectClaim("cnf");
            Map<String, Object> status = c.getJSONObjectClaim("status");
            Object list = status == null ? null : status.get("status_list");
            if (c.getJWTID() == null || c.getSubject() == null || c.getExpirationTime() == null
                    || c.getIssueTime() == null || cnf == null || !(cnf.get("jwk") instanceof Map<?, ?> jwk)
                    || !(list instanceof Map<?, ?> sl) || !(sl.get("idx") instanceof Number idx)
                    || !(sl.get("uri") instanceof String uri)
                    || !(c.getClaim("attestation_id") instanceof Number att)) {
                return Result.fail(ErrorCode.CREDENTIAL_MALFORMED,
                        "the credential lacks jti, sub, iat, exp, cnf.jwk, status.status_list or attestation_id");
            }
            @SuppressWarnings("unchecked")
            JWK holder = JWK.parse((Map<String, Object>) jwk);
            Instant from = c.getNotBeforeTime() != null
                    ? c.getNotBeforeTime().toInstant()
                    : c.getIssueTime().toInstant();
            return Result.ok(new Claims(c.getJWTID(), kind.get(), type.get(), issuer, c.getSubject(), holder, from,
                    c.getExpirationTime().toInstant(), uri, idx.intValue(), att.longValue(), disclosed, ""));
        } catch (ParseException | ClassCastException e) {
            return Result.fail(ErrorCode.CREDENTIAL_MALFORMED, "the credential's claims are malformed");
        }
    }
}
