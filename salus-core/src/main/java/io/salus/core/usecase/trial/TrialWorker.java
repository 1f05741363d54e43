package io.salus.core.usecase.trial;

import io.salus.core.error.SalusException;
import io.salus.core.outbox.OutboxEntry;
import io.salus.core.port.Outbox;
import io.salus.core.trial.TrialOutbox;
import java.time.Clock;
import java.time.Duration;

/**
 * Delivers the trial messages a request could not deliver itself (the node died or the chain failed after the state
 * was stored): fundings, enrolment and milestone payments older than a grace period, so that it does not race the request's own
 * delivery. Idempotent: the escrow refuses a second funding or payment, and the ledger returns the original
 * transaction. Not thread-safe: one instance per node on one thread.
 */
public final class TrialWorker {
    private final Outbox outbox;
    private final TrialFunding funding;
    private final TrialPayments payments;
    private final TrialMilestones milestones;
    private final Clock clock;
    private final Duration grace;

    public TrialWorker(Outbox outbox, TrialFunding funding, TrialPayments payments, TrialMilestones milestones,
            Clock clock, Duration grace) {
        this.outbox = outbox;
        this.funding = funding;
        this.payments = payments;
        this.milestones = milestones;
        this.clock = clock;
        this.grace = grace;
    }

    /** One pass; the number of messages attempted. */
    public int runOnce() {
        int n = 0;
        for (OutboxEntry e : outbox.due(TrialOutbox.FUND, 16, clock.instant().minus(grace))) {
            guarded(e, () -> funding.deliver(e));
            n++;
        }
        for (OutboxEntry e : outbox.due(TrialOutbox.ENROL, 32, clock.instant().minus(grace))) {
            guarded(e, () -> payments.deliver(e));
            n++;
        }
        for (OutboxEntry e : outbox.due(TrialOutbox.MILESTONE, 32, clock.instant().minus(grace))) {
            guarded(e, () -> milestones.deliver(e));
            n++;
        }
        return n;
    }

    private void guarded(OutboxEntry e, Runnable delivery) {
        try {
            delivery.run();
        } catch (SalusException ex) {
            outbox.retryLater(e.id(), String.valueOf(ex.getMessage()), clock.instant().plusSeconds(5));
        }
    }
}
