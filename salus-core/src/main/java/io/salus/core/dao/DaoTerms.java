package io.salus.core.dao;

import io.salus.core.consent.AttestationType;
import io.salus.core.consent.Purpose;
import io.salus.core.deal.DealTerms;
import io.salus.core.error.ErrorCode;
import io.salus.core.error.Result;
import io.salus.core.privacy.Epsilon;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.Set;

/**
 * A DAO's terms for its members' data: the floor price per patient (token units), the consumer types (attested
 * {@link AttestationType}s) and purposes it allows (masks of their bits), the most ε a study's match may spend (in
 * thousandths) and the least share of each price its treasury must get (basis points).
 */
public record DaoTerms(long floorPrice, int consumerTypes, int purposes, int maxEpsilonMilli, int shareBps) {
    public static final int BPS = 10_000;

    public static DaoTerms of(long floorPrice, Set<AttestationType> types, Set<Purpose> purposes, int maxEpsilonMilli,
            int shareBps) {
        return new DaoTerms(floorPrice, AttestationType.maskOf(types), Purpose.maskOf(purposes), maxEpsilonMilli,
                shareBps);
    }

    /** These terms, or {@code DAO_INVALID_TERMS} naming the field at fault. */
    public Result<DaoTerms> validate() {
        if (floorPrice < 0 || floorPrice > DealTerms.MAX_PRICE) {
            return invalid("floorPrice: between 0 and " + DealTerms.MAX_PRICE + " token units");
        }
        if (consumerTypes < 0 || purposes < 0) {
            return invalid("consumerTypes, purposes: masks of known bits");
        }
        if (maxEpsilonMilli <= 0) {
            return invalid("maxEpsilon: above 0");
        }
        if (shareBps < 0 || shareBps > BPS) {
            return invalid("shareBps: between 0 and " + BPS);
        }
        return Result.ok(this);
    }

    /** ε in thousandths, rounded up (so a DAO's maximum is never exceeded by rounding). */
    public static int milli(Epsilon epsilon) {
        return epsilon.value().movePointRight(3).setScale(0, RoundingMode.CEILING).intValueExact();
    }

    /** The maximum ε as a decimal. */
    public String maxEpsilon() {
        return epsilonText(maxEpsilonMilli);
    }

    /** Thousandths of ε as a decimal ({@code 500} is {@code "0.5"}). */
    public static String epsilonText(int milli) {
        return BigDecimal.valueOf(milli, 3).stripTrailingZeros().toPlainString();
    }

    public Set<AttestationType> consumerTypeSet() {
        return AttestationType.fromMask(consumerTypes);
    }

    public Set<Purpose> purposeSet() {
        return Purpose.fromMask(purposes);
    }

    private static Result<DaoTerms> invalid(String detail) {
        return Result.fail(ErrorCode.DAO_INVALID_TERMS, detail);
    }
}
