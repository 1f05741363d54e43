package io.salus.node.web.consumer;

import io.salus.core.deal.Split;
import io.salus.core.error.ErrorCode;
import io.salus.core.error.Failure;
import io.salus.core.error.Result;
import io.salus.core.usecase.deal.DealPosting;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Map;

/**
 * Turns the deal form into the same {@link DealPosting.Offer} as {@code POST /deals}: the cohort (see {@link CohortForm}),
 * {@code pricePerPatient} in token units (6 decimals), {@code maxPatients}, {@code deadline} (an ISO-8601 instant, or
 * a {@code datetime-local} value read as UTC) and the split in basis points ({@code split.patient},
 * {@code split.providers}, {@code split.caregiver}, {@code split.daoTreasury}, {@code split.operator}). Thread-safe.
 */
public final class DealForm {
    /** The split the CLI and the form propose: patient 60 %, providers 20 %, caregiver 5 %, DAO 5 %, operator 10 %. */
    public static final int[] DEFAULT_SPLIT = {6000, 2000, 500, 500, 1000};
    static final List<String> SPLIT_FIELDS = List.of("split.patient", "split.providers", "split.caregiver",
            "split.daoTreasury", "split.operator");
    private final CohortForm cohorts = new CohortForm();

    public Result<DealPosting.Offer> read(Map<String, List<String>> form) {
        FormFields f = new FormFields(form);
        Result<Long> price = number(f, "pricePerPatient", Long.MAX_VALUE);
        Result<Long> max = number(f, "maxPatients", Integer.MAX_VALUE);
        Result<Instant> deadline = deadline(f.one("deadline"));
        int[] bps = new int[SPLIT_FIELDS.size()];
        for (int i = 0; i < bps.length; i++) {
            Result<Long> b = number(f, SPLIT_FIELDS.get(i), Split.TOTAL_BPS);
            if (!b.isOk()) {
                return b.propagate();
            }
            bps[i] = b.orElseThrow().intValue();
        }
        for (Result<?> r : List.of(price, max, deadline)) {
            if (!r.isOk()) {
                return r.propagate();
            }
        }
        Result<Split> split = Split.of(bps[0], bps[1], bps[2], bps[3], bps[4]);
        if (!split.isOk()) {
            return fail("the split must add up to 10,000 basis points: " + split.failure().detail(),
                    SPLIT_FIELDS.get(0));
        }
        return cohorts.read(form).map(c -> new DealPosting.Offer(c.criteria(), c.categories(), c.purpose(),
                price.orElseThrow(), max.orElseThrow().intValue(), deadline.orElseThrow(),
                java.util.Optional.of(split.orElseThrow())));
    }

    private static Result<Long> number(FormFields f, String field, long upTo) {
        String v = f.one(field);
        try {
            long n = Long.parseLong(v);
            if (n < 0 || n > upTo) {
                return fail(field + " must be between 0 and " + upTo, field);
            }
            return Result.ok(n);
        } catch (NumberFormatException e) {
            return fail(field + " must be a whole number", field);
        }
    }

    static Result<Instant> deadline(String v) {
        try {
            return Result.ok(Instant.parse(v));
        } catch (DateTimeParseException e) {
            try {
                return Result.ok(LocalDateTime.parse(v).toInstant(ZoneOffset.UTC));
            } catch (DateTimeParseException e2) {
                return fail("the deadline must be a date and time (UTC)", "deadline");
            }
        }
    }

    private static <T> Result<T> fail(String detail, String field) {
        return Result.fail(Failure.of(ErrorCode.DEAL_FORM_INVALID, detail, field));
    }
}
