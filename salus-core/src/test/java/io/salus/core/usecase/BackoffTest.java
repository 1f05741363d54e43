package io.salus.core.usecase;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class BackoffTest {

    @Test
    void delayDoublesPerAttemptUpToTheCap() {
        Duration min = Duration.ofMillis(100);
        Duration max = Duration.ofSeconds(5);
        assertThat(Backoff.delay(0, min, max)).isEqualTo(Duration.ofMillis(100));
        assertThat(Backoff.delay(3, min, max)).isEqualTo(Duration.ofMillis(800));
        assertThat(Backoff.delay(60, min, max)).isEqualTo(max);
    }
}
