package io.salus.node.web;

import java.time.Duration;

/** How old an alert's data is, as the portal pages show it: seconds, minutes, or hours and minutes. Stateless. */
public final class DataAge {
    private DataAge() {
    }

    public static String of(Duration d) {
        if (d.toMinutes() < 1) {
            return d.toSeconds() + " s";
        }
        return d.toHours() < 1 ? d.toMinutes() + " min" : d.toHours() + " h " + d.toMinutesPart() + " min";
    }
}
