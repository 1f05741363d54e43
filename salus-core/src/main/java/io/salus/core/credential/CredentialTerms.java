package io.salus.core.credential;

import io.salus.core.consent.AttestationType;
import io.salus.core.consent.Purpose;
import io.salus.core.error.ErrorCode;
import io.salus.core.error.Failure;
import io.salus.core.error.Result;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Collections;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * What a credential states, as its issuer asked: the attestation type, the purposes, the validity (whole seconds, from
 * issuance) and the optional claims, each among {@link #OPTIONAL_CLAIMS}. Everything it states is selectively
 * disclosable ({@link #disclosable}): a consumer type by its name ({@code consumer_type}), the purposes by their codes,
 * then the optional claims. Immutable.
 */
public record CredentialTerms(AttestationType type, Set<Purpose> purposes, Instant issuedAt, Instant expiresAt,
        Map<String, Object> claims) {
    /** The claims an issuer may add besides type and purposes. */
    public static final Set<String> OPTIONAL_CLAIMS = Set.of("organisation", "name", "licence_number",
            "ethics_approval");

    public CredentialTerms {
        purposes = Collections.unmodifiableSet(
                purposes.isEmpty() ? EnumSet.noneOf(Purpose.class) : EnumSet.copyOf(purposes));
        claims = Collections.unmodifiableMap(new LinkedHashMap<>(claims));
    }

    /**
     * The terms of a credential issued {@code now}: {@code INVALID_REQUEST} for a claim not among
     * {@link #OPTIONAL_CLAIMS} (naming {@code claims}), no purposes, or a {@code validUntil} not after now.
     */
    public static Result<CredentialTerms> of(AttestationType type, Set<Purpose> purposes, Instant validUntil,
            Map<String, Object> claims, Instant now) {
        for (String name : claims.keySet()) {
            if (!OPTIONAL_CLAIMS.contains(name)) {
                return Result.fail(Failure.of(ErrorCode.INVALID_REQUEST,
                        "unknown claim '" + name + "'; one of " + OPTIONAL_CLAIMS, "claims"));
            }
        }
        Instant from = now.truncatedTo(ChronoUnit.SECONDS);
        Instant until = validUntil.truncatedTo(ChronoUnit.SECONDS);
        if (!until.isAfter(from) || purposes.isEmpty()) {
            return Result.fail(ErrorCode.INVALID_REQUEST, "a credential needs purposes and a future validUntil");
        }
        return Result.ok(new CredentialTerms(type, purposes, from, until, claims));
    }

    /** The purposes as a {@link Purpose} mask. */
    public int purposeMask() {
        return Purpose.maskOf(purposes);
    }

    /** Every selectively disclosable claim, in the order the credential lists them. */
    public Map<String, Object> disclosable() {
        Map<String, Object> sd = new LinkedHashMap<>();
        if (type.isConsumerType()) {
            sd.put("consumer_type", type.name());
        }
        sd.put("purposes", purposes.stream().map(Purpose::name).toList());
        sd.putAll(claims);
        return sd;
    }
}
