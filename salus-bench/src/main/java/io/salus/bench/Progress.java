package io.salus.bench;

import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;

/** Where long steps report progress: a console progress bar, or nothing (tests). Thread-safe. */
public interface Progress {
    /** A step of {@code max} units. */
    Step start(String task, long max);

    /** One step; close it when done. */
    interface Step extends AutoCloseable {
        void stepTo(long done);

        void stepBy(long n);

        @Override
        void close();
    }

    static Progress silent() {
        return (task, max) -> new Step() {
            @Override
            public void stepTo(long done) {
            }

            @Override
            public void stepBy(long n) {
            }

            @Override
            public void close() {
            }
        };
    }

    /** Bars on standard error. */
    static Progress console() {
        return (task, max) -> {
            ProgressBar bar = new ProgressBarBuilder().setTaskName(task).setInitialMax(max)
                    .setStyle(ProgressBarStyle.ASCII).setConsumer(
                            new me.tongfei.progressbar.ConsoleProgressBarConsumer(System.err))
                    .setUpdateIntervalMillis(500).build();
            return new Step() {
                @Override
                public void stepTo(long done) {
                    bar.stepTo(done);
                }

                @Override
                public void stepBy(long n) {
                    bar.stepBy(n);
                }

                @Override
                public void close() {
                    bar.close();
                }
            };
        };
    }
}
