package io.salus.core.monitoring;

import io.salus.core.account.AccountId;
import io.salus.core.device.Measure;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * An alert: which rule fired for which patient, how severe, the value that fired it (if one did: a silence alert has
 * none) with its unit, the time of the data it rests on and when it was raised. {@link #freshness} is what recipients
 * are shown next to it: how old the data is.
 */
public record Alert(AlertId id, AccountId patient, RuleId rule, String title, Severity severity,
        Optional<Measure> measure, Optional<Double> value, String unit, Instant dataAt, Instant raisedAt,
        String detail) {

    public Alert {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(patient, "patient");
        Objects.requireNonNull(rule, "rule");
        Objects.requireNonNull(title, "title");
        Objects.requireNonNull(severity, "severity");
        Objects.requireNonNull(measure, "measure");
        Objects.requireNonNull(value, "value");
        Objects.requireNonNull(unit, "unit");
        Objects.requireNonNull(dataAt, "dataAt");
        Objects.requireNonNull(raisedAt, "raisedAt");
        Objects.requireNonNull(detail, "detail");
    }

    static Alert raise(AccountId patient, Rule rule, Optional<Measure> measure, Optional<Double> value, String unit,
            Instant dataAt, Instant raisedAt, String detail) {
        return new Alert(AlertId.of(patient, rule.id(), dataAt), patient, rule.id(), rule.title(), rule.severity(),
                measure, value, unit, dataAt, raisedAt, detail);
    }

    /** How old the alert's data is at {@code now} (zero if the data's time is after {@code now}). */
    public Duration freshness(Instant now) {
        Duration d = Duration.between(dataAt, now);
        return d.isNegative() ? Duration.ZERO : d;
    }

    public boolean urgent() {
        return severity == Severity.URGENT;
    }
}
