package io.salus.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class FixturesTest {

    @Test
    void syntheaBundles_areListedAndReadable() {
        assertThat(Fixtures.syntheaBundles()).hasSize(10).allSatisfy(name -> {
            assertThat(name).startsWith("synthea/").endsWith(".json");
            assertThat(Fixtures.string(name)).contains("\"resourceType\": \"Bundle\"");
        });
    }

    @Test
    void invalidFixtures_areListedAndReadable() {
        assertThat(Fixtures.invalidFixtures()).contains("invalid/two-patients.json", "invalid/bundle.xml")
                .allSatisfy(name -> assertThat(Fixtures.bytes(name)).isNotEmpty());
    }

    @Test
    void unknownOrEscapingNames_areRejected() {
        assertThatThrownBy(() -> Fixtures.bytes("synthea/nobody.json")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Fixtures.bytes("../secret")).isInstanceOf(IllegalArgumentException.class);
    }
}
