package io.salus.core.emergency;

import static org.assertj.core.api.Assertions.assertThat;

import io.salus.core.account.AccountId;
import io.salus.core.consent.AttestationType;
import io.salus.core.error.ErrorCode;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class BreakGlassAccessTest {
    private static final Instant OPENED = Instant.parse("2026-12-06T06:00:00Z");

    private static BreakGlassAccess access(Duration window) {
        return new BreakGlassAccess(UUID.randomUUID(), AccountId.random(),
                AccountId.random(), "unconscious after a road accident",
                AttestationType.EMERGENCY_RESPONDER, 1, OPENED, OPENED.plus(window), List.of(UUID.randomUUID()),
                "0xabc", Optional.empty());
    }

    @Test
    void access_isReadableUntilItsWindowEnds_andNotAfter() {
        BreakGlassAccess a = access(Duration.ofHours(4));
        assertThat(a.activeAt(OPENED)).isTrue();
        assertThat(a.activeAt(OPENED.plus(Duration.ofHours(4)).minusNanos(1000))).isTrue();
        assertThat(a.activeAt(OPENED.plus(Duration.ofHours(4)))).isFalse();
        assertThat(a.activeAt(OPENED.minusSeconds(1))).isFalse();
    }

    @Test
    void justification_isRequired_andBounded() {
        assertThat(Justification.of(null).failure().code()).isEqualTo(ErrorCode.EMERGENCY_JUSTIFICATION_REQUIRED);
        assertThat(Justification.of("   help   ").failure().code())
                .isEqualTo(ErrorCode.EMERGENCY_JUSTIFICATION_REQUIRED);
        assertThat(Justification.of("x".repeat(1001)).isOk()).isFalse();
        assertThat(Justification.of("  unconscious, no ID  ").orElseThrow()).isEqualTo("unconscious, no ID");
    }
}
