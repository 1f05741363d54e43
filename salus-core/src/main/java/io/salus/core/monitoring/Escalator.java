package io.salus.core.monitoring;

import io.salus.core.account.EvmAddress;
import io.salus.core.error.Result;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * Drives {@link Escalation}s with the injected clock: the node's scheduler calls {@link #tick} with each open
 * escalation and the recipients resolved now ({@link Recipients#resolve}). Stateless apart from its clock and step;
 * thread-safe.
 */
public final class Escalator {
    private final Clock clock;
    private final Duration step;

    /** @param step how long an urgent alert waits for an acknowledgement before the next contact is notified */
    public Escalator(Clock clock, Duration step) {
        this.clock = Objects.requireNonNull(clock, "clock");
        this.step = Objects.requireNonNull(step, "step");
        if (step.isNegative() || step.isZero()) {
            throw new IllegalArgumentException("the escalation step is positive");
        }
    }

    public Escalation.Step start(Alert alert, List<Recipient> ladder) {
        return Escalation.start(alert, ladder, step, clock.instant());
    }

    public Escalation.Step tick(Escalation e, List<Recipient> ladderNow) {
        return e.tick(clock.instant(), ladderNow);
    }

    public Result<Escalation> acknowledge(Escalation e, EvmAddress by) {
        return e.acknowledge(by, clock.instant());
    }
}
