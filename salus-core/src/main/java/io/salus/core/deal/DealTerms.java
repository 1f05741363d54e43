package io.salus.core.deal;

import io.salus.core.consent.Purpose;
import io.salus.core.error.ErrorCode;
import io.salus.core.error.Result;
import io.salus.core.merkle.Hash32;
import java.time.Instant;
import java.util.Objects;

/**
 * What a consumer offers: a salted commitment to its cohort criteria ({@link CriteriaCommitment}; a dictionary of
 * common criteria cannot reverse it), the data categories (a {@code Category} mask) and purpose it needs, the price per
 * patient in token units (6 decimals), the most patients it pays for, the deadline (whole seconds: settlement begins
 * before it, refund after it) and the split. Funding is {@link #escrow()} = price × maxPatients.
 */
public record DealTerms(Hash32 criteriaCommitment, long categories, Purpose purpose, long pricePerPatient,
        int maxPatients, Instant deadline, Split split) {
    /** The highest price per patient: 10^15 units, a billion tokens. */
    public static final long MAX_PRICE = 1_000_000_000_000_000L;

    public DealTerms {
        Objects.requireNonNull(criteriaCommitment, "criteriaCommitment");
        Objects.requireNonNull(purpose, "purpose");
        Objects.requireNonNull(deadline, "deadline");
        Objects.requireNonNull(split, "split");
    }

    /** The amount the consumer funds: price × maxPatients. */
    public long escrow() {
        return Math.multiplyExact(pricePerPatient, (long) maxPatients);
    }

    /**
     * These terms, or {@code DEAL_INVALID_TERMS} naming the field at fault: categories, a price of 1..MAX_PRICE, at
     * least one patient, an escrow that fits 63 bits, a deadline in whole seconds after {@code now}.
     */
    public Result<DealTerms> validate(Instant now) {
        if (categories <= 0) {
            return invalid("categories: name at least one data category");
        }
        if (pricePerPatient <= 0 || pricePerPatient > MAX_PRICE) {
            return invalid("pricePerPatient: between 1 and " + MAX_PRICE + " token units");
        }
        if (maxPatients <= 0) {
            return invalid("maxPatients: at least 1");
        }
        if (Math.multiplyHigh(pricePerPatient, maxPatients) != 0 || pricePerPatient * maxPatients < 0) {
            return invalid("maxPatients: price × maxPatients exceeds the largest escrow");
        }
        if (deadline.getNano() != 0 || !deadline.isAfter(now)) {
            return invalid("deadline: a whole second after now");
        }
        return Result.ok(this);
    }

    private static Result<DealTerms> invalid(String detail) {
        return Result.fail(ErrorCode.DEAL_INVALID_TERMS, detail);
    }
}
