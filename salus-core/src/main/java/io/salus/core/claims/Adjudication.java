package io.salus.core.claims;

import java.util.List;
import java.util.Objects;

/**
 * The outcome of the claim rules, like a consent {@code Decision}: approved or refused, the claim-level reasons and
 * one line per item (amount asked, amount approved, the item's reasons). All or nothing: any reason refuses the whole
 * claim and every approved amount is then 0.
 */
public record Adjudication(Outcome outcome, List<ClaimReason> reasons, List<Line> lines) {
    public enum Outcome {
        APPROVED,
        REFUSED
    }

    public record Line(int sequence, String service, long submitted, long approved, List<ClaimReason> reasons) {
        public Line {
            Objects.requireNonNull(service, "service");
            reasons = List.copyOf(reasons);
        }
    }

    public Adjudication {
        Objects.requireNonNull(outcome, "outcome");
        reasons = List.copyOf(reasons);
        lines = List.copyOf(lines);
    }

    public boolean approved() {
        return outcome == Outcome.APPROVED;
    }

    public long approvedTotal() {
        return lines.stream().mapToLong(Line::approved).sum();
    }

    /** Every reason, claim-level first, then each line's, without repeats. */
    public List<ClaimReason> allReasons() {
        return java.util.stream.Stream.concat(reasons.stream(), lines.stream().flatMap(l -> l.reasons().stream()))
                .distinct().toList();
    }
}
