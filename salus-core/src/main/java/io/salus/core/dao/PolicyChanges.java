package io.salus.core.dao;

import io.salus.core.account.EvmAddress;
import io.salus.core.consent.AttestationType;
import io.salus.core.consent.Purpose;
import io.salus.core.error.ErrorCode;
import io.salus.core.error.Failure;
import io.salus.core.error.Result;
import io.salus.core.merkle.Hash32;
import io.salus.core.privacy.Epsilon;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;

/**
 * The text form of a {@link PolicyChange}, the same in the API, the CLI and the store: {@code floorPrice=5000000},
 * {@code consumerTypes=PHARMA,ACADEMIC_RESEARCHER}, {@code purposes=HRESCH}, {@code maxEpsilon=0.5},
 * {@code share=300} (basis points), {@code approveDeal=0x…}, {@code withdrawDeal=0x…}, {@code grant=0x…:400000}.
 * Stateless.
 */
public final class PolicyChanges {
    private PolicyChanges() {
    }

    public static String format(PolicyChange c) {
        return switch (c) {
            case PolicyChange.FloorPrice f -> "floorPrice=" + f.tokenUnits();
            case PolicyChange.ConsumerTypes t -> "consumerTypes=" + names(AttestationType.fromMask(t.mask()));
            case PolicyChange.Purposes p -> "purposes=" + names(Purpose.fromMask(p.mask()));
            case PolicyChange.MaxEpsilon e -> "maxEpsilon=" + DaoTerms.epsilonText(e.milli());
            case PolicyChange.Share s -> "share=" + s.bps();
            case PolicyChange.ApproveDeal d -> (d.approved() ? "approveDeal=" : "withdrawDeal=") + d.dealId().hex();
            case PolicyChange.Grant g -> "grant=" + g.to().hex() + ":" + g.amount();
        };
    }

    public static Result<PolicyChange> parse(String text) {
        int eq = text == null ? -1 : text.indexOf('=');
        if (eq <= 0) {
            return invalid("a change is name=value, got " + text);
        }
        String name = text.substring(0, eq).strip();
        String value = text.substring(eq + 1).strip();
        try {
            return switch (name) {
                case "floorPrice" -> Result.ok(new PolicyChange.FloorPrice(Long.parseLong(value)));
                case "consumerTypes" -> mask(List.of(value.split(",")), AttestationType::parse,
                        AttestationType::mask).map(PolicyChange.ConsumerTypes::new);
                case "purposes" -> mask(List.of(value.split(",")), Purpose::parse, Purpose::mask)
                        .map(PolicyChange.Purposes::new);
                case "maxEpsilon" -> Epsilon.parse(value).map(e -> new PolicyChange.MaxEpsilon(DaoTerms.milli(e)));
                case "share" -> Result.ok(new PolicyChange.Share(Integer.parseInt(value)));
                case "approveDeal" -> Result.ok(new PolicyChange.ApproveDeal(Hash32.fromHex(value), true));
                case "withdrawDeal" -> Result.ok(new PolicyChange.ApproveDeal(Hash32.fromHex(value), false));
                case "grant" -> {
                    int colon = value.indexOf(':');
                    yield Result.ok(new PolicyChange.Grant(new EvmAddress(value.substring(0, colon)),
                            Long.parseLong(value.substring(colon + 1))));
                }
                default -> invalid("unknown change " + name + ": floorPrice, consumerTypes, purposes, maxEpsilon, "
                        + "share, approveDeal, withdrawDeal, grant");
            };
        } catch (RuntimeException e) {
            return invalid("cannot read the change " + text + ": " + e.getMessage());
        }
    }

    /** One to ten changes in their text form, all readable, or the first that is not ({@code INVALID_REQUEST}). */
    public static Result<List<PolicyChange>> parseAll(List<String> texts) {
        if (texts == null || texts.isEmpty() || texts.size() > 10) {
            return Result.fail(Failure.of(ErrorCode.INVALID_REQUEST, "changes: 1 to 10 of floorPrice=…, "
                    + "consumerTypes=…, purposes=…, maxEpsilon=…, share=…, approveDeal=0x…, withdrawDeal=0x…, "
                    + "grant=0x…:amount", "changes"));
        }
        List<PolicyChange> out = new ArrayList<>();
        for (String t : texts) {
            Result<PolicyChange> c = parse(t);
            if (!c.isOk()) {
                return c.propagate();
            }
            out.add(c.orElseThrow());
        }
        return Result.ok(out);
    }

    /** The mask of named enum constants (consumer types, purposes), or {@code INVALID_REQUEST} naming the unknown. */
    public static <E extends Enum<E>> Result<Integer> mask(List<String> names, Function<String, Optional<E>> parse,
            Function<E, Integer> bit) {
        int mask = 0;
        for (String part : names) {
            Optional<E> e = parse.apply(part);
            if (e.isEmpty()) {
                return invalid("unknown name " + part);
            }
            mask |= bit.apply(e.get());
        }
        return Result.ok(mask);
    }

    private static <E extends Enum<E>> String names(Set<E> set) {
        return String.join(",", set.stream().map(Enum::name).toList());
    }

    private static <T> Result<T> invalid(String detail) {
        return Result.fail(ErrorCode.INVALID_REQUEST, detail);
    }
}
