package io.salus.core.monitoring;

import io.salus.core.device.Measure;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Fires when no reading of {@code measure} has arrived for {@code after} (since the newest reading, or since the plan
 * started when there was none): the stream went silent. Checked on the clock ({@link MonitoringEngine#tick}); the next
 * reading clears it. The alert's data time is the newest reading's, so its freshness shows how long it has been.
 */
public record SilenceRule(RuleId id, String title, Measure measure, Duration after, Severity severity)
        implements
            Rule {

    public SilenceRule {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(title, "title");
        Objects.requireNonNull(measure, "measure");
        Objects.requireNonNull(after, "after");
        Objects.requireNonNull(severity, "severity");
    }

    @Override
    public List<String> problems() {
        List<String> p = new ArrayList<>();
        if (title.isBlank()) {
            p.add("the title is empty");
        }
        if (after.compareTo(Duration.ofMinutes(1)) < 0 || after.compareTo(Duration.ofDays(31)) > 0) {
            p.add("the silence period is between 1 minute and 31 days");
        }
        return p;
    }
}
