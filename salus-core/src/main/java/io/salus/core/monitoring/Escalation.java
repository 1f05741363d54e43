package io.salus.core.monitoring;

import io.salus.core.account.EvmAddress;
import io.salus.core.error.ErrorCode;
import io.salus.core.error.Result;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The delivery of one alert, as an immutable state machine driven by the time passed in.
 * <ul>
 * <li>A warning goes to every recipient at once ({@link Status#DELIVERED}); it does not escalate.</li>
 * <li>An urgent alert goes to the first recipient (the patient) and is {@link Status#OPEN}: each time {@code step}
 * passes without an acknowledgement, the next recipient of the ladder <em>as resolved at that time</em> (a delegate
 * whose delegation ended is skipped) is notified too. When nobody is left it is {@link Status#EXHAUSTED}. A tick that
 * comes late catches up: everyone whose turn has come is notified.</li>
 * <li>Anyone notified may acknowledge (any status but acknowledged): {@link Status#ACKNOWLEDGED}, and escalation stops.
 * Acknowledging again is a no-op; someone never notified is refused ({@link ErrorCode#ALERT_NOT_A_RECIPIENT}).</li>
 * </ul>
 */
public record Escalation(AlertId alert, Severity severity, Duration step, List<Notice> notices, Instant nextDue,
        Status status, Optional<Acknowledgement> acknowledgement) {

    public enum Status {
        OPEN,
        DELIVERED,
        EXHAUSTED,
        ACKNOWLEDGED
    }

    /** A notification sent: to whom, when, and at which escalation level (0 = at once). */
    public record Notice(Recipient to, Instant at, int level) {
    }

    public record Acknowledgement(EvmAddress by, Instant at) {
    }

    /** The new state and the notifications to send now. */
    public record Step(Escalation state, List<Notice> send) {
        public Step {
            send = List.copyOf(send);
        }
    }

    public Escalation {
        Objects.requireNonNull(alert, "alert");
        Objects.requireNonNull(severity, "severity");
        Objects.requireNonNull(nextDue, "nextDue");
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(acknowledgement, "acknowledgement");
        if (step.isNegative() || step.isZero()) {
            throw new IllegalArgumentException("the escalation step is positive");
        }
        notices = List.copyOf(notices);
    }

    public static Step start(Alert alert, List<Recipient> ladder, Duration step, Instant now) {
        if (ladder.isEmpty()) {
            throw new IllegalArgumentException("an alert goes at least to the patient");
        }
        List<Recipient> first = alert.urgent() ? ladder.subList(0, 1) : ladder;
        List<Notice> sent = first.stream().map(r -> new Notice(r, now, 0)).toList();
        Status status = alert.urgent() ? Status.OPEN : Status.DELIVERED;
        return new Step(new Escalation(alert.id(), alert.severity(), step, sent, now.plus(step), status,
                Optional.empty()), sent);
    }

    /** Escalates as far as {@code now} requires, to the ladder as resolved at {@code now}. */
    public Step tick(Instant now, List<Recipient> ladder) {
        if (status != Status.OPEN) {
            return new Step(this, List.of());
        }
        List<Notice> all = new ArrayList<>(notices);
        List<Notice> sent = new ArrayList<>();
        Instant due = nextDue;
        Status s = status;
        int level = notices.stream().mapToInt(Notice::level).max().orElse(0);
        while (s == Status.OPEN && !now.isBefore(due)) {
            Optional<Recipient> next = ladder.stream().filter(r -> !notified(all, r.address())).findFirst();
            if (next.isEmpty()) {
                s = Status.EXHAUSTED;
                break;
            }
            Notice n = new Notice(next.get(), now, ++level);
            all.add(n);
            sent.add(n);
            due = due.plus(step);
        }
        return new Step(new Escalation(alert, severity, step, all, due, s, acknowledgement), sent);
    }

    public Result<Escalation> acknowledge(EvmAddress by, Instant at) {
        if (!notified(notices, by)) {
            return Result.fail(ErrorCode.ALERT_NOT_A_RECIPIENT, by + " was not sent alert " + alert);
        }
        if (status == Status.ACKNOWLEDGED) {
            return Result.ok(this);
        }
        return Result.ok(new Escalation(alert, severity, step, notices, nextDue, Status.ACKNOWLEDGED,
                Optional.of(new Acknowledgement(by, at))));
    }

    /** When the next escalation is due, if the alert is still open. */
    public Optional<Instant> due() {
        return status == Status.OPEN ? Optional.of(nextDue) : Optional.empty();
    }

    private static boolean notified(List<Notice> notices, EvmAddress who) {
        return notices.stream().anyMatch(n -> n.to().address().equals(who));
    }
}
