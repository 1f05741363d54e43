package io.salus.chain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class LocalChainConfigTest {
    private final LocalChainConfig base = LocalChainConfig.of(Path.of("chain"), Path.of("anvil"));

    @Test
    void byDefault_blocksAreMinedAsTransactionsArriveAndEverySecond() {
        assertThat(base.mining()).isEqualTo(LocalChainConfig.Mining.MIXED);
        assertThat(base.blockTime()).isEqualTo(Duration.ofSeconds(1));
    }

    @Test
    void aLongerBlockTime_changesOnlyTheInterval() {
        LocalChainConfig c = base.withChainId(7).withBlockTime(Duration.ofSeconds(10));

        assertThat(c.blockTime()).isEqualTo(Duration.ofSeconds(10));
        assertThat(c.chainId()).isEqualTo(7);
        assertThat(c.mining()).isEqualTo(base.mining());
        assertThat(c.withSnapshotInterval(Duration.ofMinutes(2)).blockTime()).isEqualTo(Duration.ofSeconds(10));
    }

    @Test
    void aBlockTimeThatAnvilCannotTake_isRefused() {
        for (Duration bad : List.of(Duration.ZERO, Duration.ofMillis(500), Duration.ofMillis(1500),
                Duration.ofSeconds(-1))) {
            assertThatThrownBy(() -> base.withBlockTime(bad)).as(bad.toString())
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("whole number of seconds");
        }
    }
}
