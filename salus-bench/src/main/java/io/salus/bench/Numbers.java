package io.salus.bench;

import java.util.Locale;

/** Number formatting for reports. Stateless and thread-safe. */
public final class Numbers {
    private Numbers() {
    }

    /** Three significant digits, thousands separated: 12,300 / 45.6 / 0.0123. */
    public static String compact(double v) {
        if (Double.isNaN(v) || Double.isInfinite(v)) {
            return String.valueOf(v);
        }
        double a = Math.abs(v);
        if (a >= 1000) {
            return String.format(Locale.ROOT, "%,d", Math.round(v));
        }
        if (a >= 100) {
            return String.format(Locale.ROOT, "%.0f", v);
        }
        if (a >= 10) {
            return String.format(Locale.ROOT, "%.1f", v);
        }
        if (a >= 1) {
            return String.format(Locale.ROOT, "%.2f", v);
        }
        return String.format(Locale.ROOT, "%.3g", v);
    }
}
