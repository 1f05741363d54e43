package io.salus.crypto.credential;

import com.authlete.sd.Disclosure;
import com.nimbusds.jwt.JWTClaimsSet;
import io.salus.core.error.ErrorCode;
import io.salus.core.error.Result;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Checks presented disclosures against the digests the issuer signed ({@code _sd}, SHA-256): each must be an object
 * property whose digest is listed, none twice, none shadowing a plainly signed claim. Stateless and thread-safe.
 */
final class Disclosures {
    private Disclosures() {
    }

    /** The disclosed claims by name, or {@code CREDENTIAL_TAMPERED}. */
    static Result<Map<String, Object>> check(JWTClaimsSet claims, List<Disclosure> disclosures) {
        Object alg = claims.getClaim("_sd_alg");
        if (alg != null && !"sha-256".equals(alg)) {
            return Result.fail(ErrorCode.CREDENTIAL_TAMPERED, "unsupported _sd_alg " + alg);
        }
        Set<String> digests = new HashSet<>();
        if (claims.getClaim("_sd") instanceof List<?> list) {
            for (Object o : list) {
                digests.add(String.valueOf(o));
            }
        }
        Map<String, Object> out = new LinkedHashMap<>();
        Set<String> seen = new HashSet<>();
        for (Disclosure d : disclosures) {
            String digest = d.digest();
            if (d.getClaimName() == null || !digests.contains(digest) || !seen.add(digest)
                    || claims.getClaims().containsKey(d.getClaimName()) || out.containsKey(d.getClaimName())) {
                return Result.fail(ErrorCode.CREDENTIAL_TAMPERED,
                        "a disclosure does not match any digest the issuer signed");
            }
            out.put(d.getClaimName(), d.getClaimValue());
        }
        return Result.ok(out);
    }
}
