package io.salus.chain;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class SnapshotPacingTest {
    private static final Duration TEN_SECONDS = Duration.ofSeconds(10);

    @Test
    void aQuickSnapshot_keepsTheConfiguredInterval() {
        assertThat(LocalChain.nextSnapshotDelay(TEN_SECONDS, Duration.ofMillis(40))).isEqualTo(TEN_SECONDS);
        assertThat(LocalChain.nextSnapshotDelay(TEN_SECONDS, Duration.ZERO)).isEqualTo(TEN_SECONDS);
    }

    @Test
    void aSnapshotAsLongAsTheInterval_pushesTheNextOneOutSoThatDumpingTakesAtMostATenthOfTheTime() {
        Duration took = Duration.ofMillis(16_400);

        Duration next = LocalChain.nextSnapshotDelay(TEN_SECONDS, took);

        assertThat(next).isEqualTo(Duration.ofMillis(147_600));
        assertThat(took.toMillis() / (double) (took.toMillis() + next.toMillis())).isLessThanOrEqualTo(0.1);
    }
}
