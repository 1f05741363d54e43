package io.salus.node.web.patient;

import io.salus.core.account.Account;
import io.salus.core.account.AccountId;
import io.salus.core.account.EvmAddress;
import io.salus.core.consent.AttestationType;
import io.salus.core.consent.GrantTerms;
import io.salus.core.consent.Purpose;
import io.salus.core.error.ErrorCode;
import io.salus.core.error.Failure;
import io.salus.core.error.Result;
import io.salus.core.record.Category;
import io.salus.core.usecase.AccountService;
import io.salus.node.web.PortalRequest;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Function;

/**
 * The grant form's fields turned into {@link GrantTerms} for the signed-in patient, naming the field at fault. The
 * optional named consumer is an account id or a chain address. Stateless.
 */
final class GrantForm {
    private GrantForm() {
    }

    static Result<GrantTerms> terms(PortalRequest r, AccountService accounts, Clock clock) {
        Result<EnumSet<Category>> cats = names(r.forms("categories"), "categories", Category.class, Category::parse);
        Result<EnumSet<AttestationType>> types = names(r.forms("consumerTypes"), "consumer types",
                AttestationType.class, AttestationType::parse);
        Result<EnumSet<Purpose>> purposes = names(r.forms("purposes"), "purposes", Purpose.class, Purpose::parse);
        for (Result<?> x : List.of(cats, types, purposes)) {
            if (!x.isOk()) {
                return x.propagate();
            }
        }
        if (types.orElseThrow().stream().anyMatch(t -> !t.isConsumerType())) {
            return invalid("consumer types: only consumer types can be chosen here", "consumerTypes");
        }
        Instant now = clock.instant();
        Instant until;
        try {
            until = LocalDate.parse(Optional.ofNullable(r.form("validUntil")).orElse("")).plusDays(1)
                    .atStartOfDay(ZoneOffset.UTC).toInstant();
        } catch (DateTimeParseException e) {
            return invalid("valid until: give a date such as 2027-12-31", "validUntil");
        }
        if (!until.isAfter(now)) {
            return invalid("valid until: the date must be in the future", "validUntil");
        }
        long price;
        try {
            String p = r.form("minPrice");
            price = p == null || p.isEmpty() ? 0 : Long.parseLong(p);
        } catch (NumberFormatException e) {
            return invalid("minimum price: a whole number of tokens", "minPrice");
        }
        if (price < 0) {
            return invalid("minimum price: must not be negative", "minPrice");
        }
        Result<Optional<EvmAddress>> named = namedConsumer(r.form("consumer"), accounts);
        if (!named.isOk()) {
            return named.propagate();
        }
        long mask = 0;
        for (Category c : cats.orElseThrow()) {
            mask |= c.mask();
        }
        Account me = r.account();
        return Result.ok(new GrantTerms(me.address(), mask, AttestationType.maskOf(types.orElseThrow()),
                Purpose.maskOf(purposes.orElseThrow()), now, until, price, named.orElseThrow()));
    }

    private static Result<Optional<EvmAddress>> namedConsumer(String s, AccountService accounts) {
        if (s == null || s.isEmpty()) {
            return Result.ok(Optional.empty());
        }
        Optional<AccountId> id = AccountId.parse(s);
        if (id.isPresent()) {
            return accounts.find(id.get()).<Result<Optional<EvmAddress>>>map(a -> Result.ok(Optional.of(a.address())))
                    .orElseGet(() -> invalid("named consumer: there is no account " + s, "consumer"));
        }
        try {
            return Result.ok(Optional.of(new EvmAddress(s)));
        } catch (IllegalArgumentException e) {
            return invalid("named consumer: give an account id or a 0x address", "consumer");
        }
    }

    private static <E extends Enum<E>> Result<EnumSet<E>> names(List<String> names, String field, Class<E> type,
            Function<String, Optional<E>> parse) {
        if (names == null || names.isEmpty()) {
            return invalid(field + ": choose at least one", field.replace(" ", ""));
        }
        EnumSet<E> out = EnumSet.noneOf(type);
        for (String n : names) {
            Optional<E> v = parse.apply(n);
            if (v.isEmpty()) {
                return invalid(field + ": unknown value " + n.toLowerCase(Locale.ROOT), field.replace(" ", ""));
            }
            out.add(v.get());
        }
        return Result.ok(out);
    }

    private static <T> Result<T> invalid(String detail, String field) {
        return Result.fail(Failure.of(ErrorCode.PORTAL_FORM_INVALID, detail, field));
    }
}
