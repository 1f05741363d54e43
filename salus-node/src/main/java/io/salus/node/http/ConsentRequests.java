package io.salus.node.http;

import io.salus.core.account.Account;
import io.salus.core.account.EvmAddress;
import io.salus.core.consent.AttestationType;
import io.salus.core.consent.DelegationScope;
import io.salus.core.consent.GrantTerms;
import io.salus.core.consent.Purpose;
import io.salus.core.error.ErrorCode;
import io.salus.core.error.Failure;
import io.salus.core.error.Result;
import io.salus.core.record.Category;
import java.time.Clock;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;

/** JSON bodies of the consent API and their conversion to domain values, naming the field at fault. */
final class ConsentRequests {
    private ConsentRequests() {
    }

    record GrantBody(List<String> categories, List<String> consumerTypes, List<String> purposes, String validFrom,
            String validUntil, Long minPrice, String consumerAddress) {
    }

    record DelegationBody(List<String> scopes, String validUntil) {
    }

    record AttestBody(String subjectId, String type, List<String> purposes, String validFrom, String validUntil) {
    }

    record TrustBody(List<String> types) {
    }

    record AccessBody(String purpose, List<String> categories) {
    }

    static Result<GrantTerms> terms(GrantBody b, Account patient, Clock clock) {
        Result<EnumSet<Category>> cats = names(b.categories(), "categories", Category.class, Category::parse);
        Result<EnumSet<AttestationType>> types = names(b.consumerTypes(), "consumerTypes", AttestationType.class,
                AttestationType::parse);
        Result<EnumSet<Purpose>> purposes = names(b.purposes(), "purposes", Purpose.class, Purpose::parse);
        Result<Instant> from = b.validFrom() == null ? Result.ok(clock.instant()) : instant(b.validFrom(), "validFrom");
        Result<Instant> until = instant(b.validUntil(), "validUntil");
        for (Result<?> r : List.of(cats, types, purposes, from, until)) {
            if (!r.isOk()) {
                return r.propagate();
            }
        }
        long mask = 0;
        for (Category c : cats.orElseThrow()) {
            mask |= c.mask();
        }
        long price = b.minPrice() == null ? 0 : b.minPrice();
        if (price < 0) {
            return Result.fail(Failure.of(ErrorCode.INVALID_GRANT, "minPrice must not be negative", "minPrice"));
        }
        Optional<EvmAddress> consumer;
        try {
            consumer = Optional.ofNullable(b.consumerAddress()).map(EvmAddress::new);
        } catch (IllegalArgumentException e) {
            return Result.fail(Failure.of(ErrorCode.INVALID_GRANT, e.getMessage(), "consumerAddress"));
        }
        GrantTerms t = new GrantTerms(patient.address(), mask, AttestationType.maskOf(types.orElseThrow()),
                Purpose.maskOf(purposes.orElseThrow()), from.orElseThrow(), until.orElseThrow(), price, consumer);
        if (!t.validUntil().isAfter(t.validFrom())) {
            return Result.fail(Failure.of(ErrorCode.INVALID_GRANT, "validUntil must be after validFrom", "validUntil"));
        }
        return Result.ok(t);
    }

    static Result<Instant> instant(String s, String field) {
        if (s == null) {
            return Result.fail(Failure.of(ErrorCode.INVALID_REQUEST, field + " is required (ISO-8601 instant)", field));
        }
        try {
            return Result.ok(Instant.parse(s));
        } catch (DateTimeParseException e) {
            return Result.fail(Failure.of(ErrorCode.INVALID_REQUEST, field + " is not an ISO-8601 instant: " + s,
                    field));
        }
    }

    static <E extends Enum<E>> Result<EnumSet<E>> names(List<String> names, String field, Class<E> type,
            Function<String, Optional<E>> parse) {
        if (names == null || names.isEmpty()) {
            return Result.fail(Failure.of(ErrorCode.INVALID_REQUEST, field + " must list at least one value", field));
        }
        EnumSet<E> out = EnumSet.noneOf(type);
        for (String n : names) {
            Optional<E> v = parse.apply(n);
            if (v.isEmpty()) {
                return Result.fail(Failure.of(ErrorCode.INVALID_REQUEST, field + ": unknown value '" + n
                        + "'; one of " + EnumSet.allOf(type), field));
            }
            out.add(v.get());
        }
        return Result.ok(out);
    }

    static Result<Integer> scopes(List<String> names) {
        if (names == null) {
            return Result.fail(Failure.of(ErrorCode.INVALID_REQUEST, "scopes is required", "scopes"));
        }
        if (names.isEmpty()) {
            return Result.ok(0);
        }
        return names(names, "scopes", DelegationScope.class, n -> {
            try {
                return Optional.of(DelegationScope.valueOf(n.trim().toUpperCase(java.util.Locale.ROOT)));
            } catch (IllegalArgumentException e) {
                return Optional.empty();
            }
        }).map(DelegationScope::maskOf);
    }
}
