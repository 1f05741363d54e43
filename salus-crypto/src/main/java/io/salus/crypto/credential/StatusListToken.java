package io.salus.crypto.credential;

import com.nimbusds.jwt.SignedJWT;
import io.salus.core.account.EvmAddress;
import java.text.ParseException;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The IETF Status List Token: a JWT ({@code typ} {@code statuslist+jwt}) signed by the issuer (ES256K, as its
 * credentials) whose {@code sub} is the list's URI and whose {@code status_list} holds {@code bits} (1) and
 * {@code lst}. Stateless and thread-safe.
 */
public final class StatusListToken {
    public static final String TYPE = "statuslist+jwt";

    private StatusListToken() {
    }

    public static String sign(StatusList list, String uri, String issuerDid, Instant issuedAt,
            byte[] issuerPrivateKey) {
        Map<String, Object> claims = new LinkedHashMap<>();
        claims.put("iss", issuerDid);
        claims.put("sub", uri);
        claims.put("iat", issuedAt.getEpochSecond());
        claims.put("status_list", Map.of("bits", 1, "lst", list.encoded()));
        return IssuerSignature.sign(TYPE, claims, issuerPrivateKey);
    }

    /**
     * The list, if {@code token} is a status list token for {@code uri} validly signed by {@code issuer}; empty if it
     * is malformed, for another list or signed by anyone else.
     */
    public static Optional<StatusList> verify(String token, String uri, EvmAddress issuer) {
        try {
            SignedJWT jwt = SignedJWT.parse(token);
            Optional<EvmAddress> signer = IssuerSignature.verify(jwt, TYPE);
            if (signer.isEmpty() || !signer.get().equals(issuer) || !uri.equals(jwt.getJWTClaimsSet().getSubject())) {
                return Optional.empty();
            }
            Map<String, Object> sl = jwt.getJWTClaimsSet().getJSONObjectClaim("status_list");
            if (sl == null || !(sl.get("bits") instanceof Number bits) || bits.intValue() != 1
                    || !(sl.get("lst") instanceof String lst)) {
                return Optional.empty();
            }
            return Optional.of(StatusList.decode(lst));
        } catch (ParseException | IllegalArgumentException e) {
            return Optional.empty();
        }
    }
}
