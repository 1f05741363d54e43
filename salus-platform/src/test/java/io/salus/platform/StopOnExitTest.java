package io.salus.platform;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class StopOnExitTest {
    private final StopOnExit stops = new StopOnExit();
    private final List<String> stopped = new ArrayList<>();

    @Test
    void theLastRegistered_stopsFirst() {
        stops.add("store", () -> stopped.add("store"), false);
        stops.add("chain", () -> stopped.add("chain"), false);
        stops.add("node", () -> stopped.add("node"), false);

        stops.stopAll();

        assertThat(stopped).containsExactly("node", "chain", "store");
    }

    @Test
    void aCancelledRegistration_isNotStoppedAgain() {
        stops.add("store", () -> stopped.add("store"), false);
        StopOnExit.Registration chain = stops.add("chain", () -> stopped.add("chain"), false);

        chain.cancel();
        stops.stopAll();

        assertThat(stopped).containsExactly("store");
    }

    @Test
    void aStopThatCancelsItself_whileRunning_doesNotDisturbTheRest() {
        stops.add("store", () -> stopped.add("store"), false);
        StopOnExit.Registration[] chain = new StopOnExit.Registration[1];
        chain[0] = stops.add("chain", () -> {
            chain[0].cancel();
            stopped.add("chain");
        }, false);

        stops.stopAll();

        assertThat(stopped).containsExactly("chain", "store");
    }

    @Test
    void aFailingStop_doesNotKeepTheOthersRunning() {
        stops.add("store", () -> stopped.add("store"), false);
        stops.add("chain", () -> {
            throw new IllegalStateException("anvil is gone");
        }, false);

        stops.stopAll();

        assertThat(stopped).containsExactly("store");
    }

    @Test
    void registeringWhileStopping_isRefused() {
        stops.add("node", () -> assertThatThrownBy(() -> stops.add("late", () -> stopped.add("late"), false))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("late"), false);

        stops.stopAll();

        assertThat(stopped).isEmpty();
    }
}
