package io.salus.core.claims;

import io.salus.core.account.AccountId;
import io.salus.core.error.ErrorCode;
import io.salus.core.error.Result;
import java.time.LocalDate;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;
import java.util.UUID;
import java.util.regex.Pattern;

/**
 * An insurer's coverage of one patient (the small plan of docs/care.md): active from {@code start} to {@code end}
 * inclusive, the services it covers by code, each with the most it pays for that service over the plan (in the
 * payment token's smallest unit; 1 token = 1,000,000 units).
 */
public record CoveragePlan(UUID id, AccountId insurer, AccountId patient, LocalDate start, LocalDate end,
        Map<String, Long> limits) {
    public static final int MAX_SERVICES = 200;
    /** One million tokens: more than any one service is worth, far below the token's 128-bit payouts. */
    public static final long MAX_AMOUNT = 1_000_000L * 1_000_000L;
    private static final Pattern CODE = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,63}");

    public CoveragePlan {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(insurer, "insurer");
        Objects.requireNonNull(patient, "patient");
        Objects.requireNonNull(start, "start");
        Objects.requireNonNull(end, "end");
        limits = Map.copyOf(new TreeMap<>(limits));
    }

    /** A validated plan: a period that ends on or after it starts, 1..200 service codes, limits 1..MAX_AMOUNT. */
    public static Result<CoveragePlan> of(UUID id, AccountId insurer, AccountId patient, LocalDate start,
            LocalDate end, Map<String, Long> limits) {
        if (start == null || end == null || end.isBefore(start)) {
            return Result.fail(ErrorCode.COVERAGE_INVALID, "the period needs a start and an end on or after it");
        }
        if (limits == null || limits.isEmpty() || limits.size() > MAX_SERVICES) {
            return Result.fail(ErrorCode.COVERAGE_INVALID, "a plan covers 1 to " + MAX_SERVICES + " services");
        }
        for (Map.Entry<String, Long> e : limits.entrySet()) {
            if (e.getKey() == null || !CODE.matcher(e.getKey()).matches()) {
                return Result.fail(ErrorCode.COVERAGE_INVALID, "a service code is 1-64 letters, digits, '.', '_', '-'");
            }
            if (e.getValue() == null || e.getValue() < 1 || e.getValue() > MAX_AMOUNT) {
                return Result.fail(ErrorCode.COVERAGE_INVALID, "the limit of " + e.getKey() + " is 1.." + MAX_AMOUNT);
            }
        }
        return Result.ok(new CoveragePlan(id, insurer, patient, start, end, limits));
    }

    public boolean activeOn(LocalDate day) {
        return !day.isBefore(start) && !day.isAfter(end);
    }

    public Optional<Long> limitOf(String service) {
        return Optional.ofNullable(limits.get(service));
    }
}
