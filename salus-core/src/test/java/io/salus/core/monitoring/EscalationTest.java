package io.salus.core.monitoring;

import static io.salus.core.monitoring.MonitoringFixtures.*;
import static io.salus.core.monitoring.RecipientsTest.*;
import static org.assertj.core.api.Assertions.assertThat;

import io.salus.core.consent.Delegation;
import io.salus.core.device.VitalSign;
import io.salus.core.error.ErrorCode;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Comparator;
import java.util.List;
import org.junit.jupiter.api.Test;

class EscalationTest {
    private final MutableClock clock = new MutableClock(T0);
    private final Escalator escalator = new Escalator(clock, Duration.ofMinutes(10));
    private final List<Delegation> delegations = List.of(delegation(DAUGHTER, ALERTS, 1, 1));

    private List<Recipient> ladder() {
        return Recipients.resolve(HOLDER, delegations, List.of(GP, CARDIOLOGIST), clock.instant());
    }

    /** The most severe alert the standard rules raise for one reading. */
    private static Alert alert(VitalSign sign, double value) {
        return MonitoringEngine.observe(standard(), MonitorState.start(T0), m(sign, value, 0), T0).raised().stream()
                .max(Comparator.comparing(Alert::severity)).orElseThrow();
    }

    private final Alert urgent = alert(VitalSign.GLUCOSE_MASS, 48);

    @Test
    void anUnacknowledgedUrgentAlert_escalatesToTheNextContactAfterTheStep() {
        Escalation.Step start = escalator.start(urgent, ladder());
        assertThat(urgent.severity()).isEqualTo(Severity.URGENT);
        assertThat(start.send()).extracting(n -> n.to().address()).containsExactly(HOLDER);

        clock.advance(Duration.ofMinutes(9));
        Escalation.Step early = escalator.tick(start.state(), ladder());
        assertThat(early.send()).isEmpty();

        clock.advance(Duration.ofMinutes(1));
        Escalation.Step second = escalator.tick(early.state(), ladder());
        assertThat(second.send()).singleElement().satisfies(n -> {
            assertThat(n.to().address()).isEqualTo(DAUGHTER);
            assertThat(n.level()).isEqualTo(1);
            assertThat(n.at()).isEqualTo(T0.plusSeconds(600));
        });
        assertThat(second.state().due()).contains(T0.plusSeconds(1200));
    }

    @Test
    void anAcknowledgement_stopsTheEscalation() {
        Escalation e = escalator.start(urgent, ladder()).state();
        clock.advance(Duration.ofMinutes(5));
        Escalation acked = escalator.acknowledge(e, HOLDER).orElseThrow();
        assertThat(acked.status()).isEqualTo(Escalation.Status.ACKNOWLEDGED);
        assertThat(acked.acknowledgement().orElseThrow().at()).isEqualTo(T0.plusSeconds(300));

        clock.advance(Duration.ofHours(2));
        assertThat(escalator.tick(acked, ladder()).send()).isEmpty();
        assertThat(escalator.acknowledge(acked, HOLDER).orElseThrow()).isEqualTo(acked);
    }

    @Test
    void someoneNeverNotified_cannotAcknowledge() {
        Escalation e = escalator.start(urgent, ladder()).state();
        assertThat(escalator.acknowledge(e, GP).failure().code()).isEqualTo(ErrorCode.ALERT_NOT_A_RECIPIENT);
    }

    @Test
    void aLateTick_catchesUpAndADelegateWhoseDelegationEndedIsSkipped() {
        Escalation e = escalator.start(urgent, ladder()).state();
        clock.advance(Duration.ofMinutes(65)); // the daughter's delegation ended at T0 + 1 h
        Escalation.Step step = escalator.tick(e, ladder());
        assertThat(step.send()).extracting(n -> n.to().address()).containsExactly(GP, CARDIOLOGIST);
        assertThat(step.state().status()).isEqualTo(Escalation.Status.EXHAUSTED);
        assertThat(escalator.acknowledge(step.state(), CARDIOLOGIST).orElseThrow().status())
                .isEqualTo(Escalation.Status.ACKNOWLEDGED);
    }

    @Test
    void aWarning_goesToEveryoneAtOnceAndDoesNotEscalate() {
        Alert warning = alert(VitalSign.BODY_TEMPERATURE, 38.4);
        assertThat(warning.severity()).isEqualTo(Severity.WARNING);
        Escalation.Step start = escalator.start(warning, ladder());
        assertThat(start.send()).extracting(n -> n.to().address()).containsExactly(HOLDER, DAUGHTER, GP,
                CARDIOLOGIST);
        assertThat(start.state().status()).isEqualTo(Escalation.Status.DELIVERED);
        clock.advance(Duration.ofHours(1));
        assertThat(escalator.tick(start.state(), ladder()).send()).isEmpty();
    }

    /** A clock the test moves by hand. */
    static final class MutableClock extends Clock {
        private Instant now;

        MutableClock(Instant start) {
            this.now = start;
        }

        void advance(Duration d) {
            now = now.plus(d);
        }

        @Override
        public Instant instant() {
            return now;
        }

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }
    }
}
