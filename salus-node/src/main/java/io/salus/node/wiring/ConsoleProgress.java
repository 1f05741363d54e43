package io.salus.node.wiring;

import java.io.PrintStream;
import java.util.Locale;

/**
 * A progress line on the console for long passes at start or in a key command: {@code <label> <what> done/total (p%)},
 * at most once a second and whenever a part completes. Thread-safe.
 */
final class ConsoleProgress {
    private static final long INTERVAL_NANOS = 1_000_000_000L;
    private final PrintStream out;
    private final String label;
    private long last = System.nanoTime() - INTERVAL_NANOS;

    ConsoleProgress(PrintStream out, String label) {
        this.out = out;
        this.label = label;
    }

    synchronized void report(String what, long done, long total) {
        long now = System.nanoTime();
        boolean complete = done >= total;
        if (!complete && now - last < INTERVAL_NANOS) {
            return;
        }
        last = now;
        long percent = total == 0 ? 100 : Math.min(100, done * 100 / total);
        out.println(String.format(Locale.ROOT, "%s: %s %,d/%,d (%d%%)", label, what, done, total, percent));
    }
}
