package io.salus.node.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FederationSettingsTest {
    private static final String REGISTRY = "0x" + "12".repeat(20);
    @TempDir
    Path dataDir;

    private NodeSettings resolve(Map<String, String> overrides) {
        Map<String, String> all = new HashMap<>(overrides);
        all.put(Setting.DATA_DIR.key(), dataDir.toString());
        return NodeSettings.resolve(Map.of(), all);
    }

    @Test
    void byDefault_aNodeIsInNoAlliance() {
        NodeSettings.Federation f = resolve(Map.of()).federation();
        assertThat(f.found()).isFalse();
        assertThat(f.registry()).isEmpty();
        assertThat(resolve(Map.of()).joinsAlliance()).isFalse();
        assertThat(f.timeout()).isEqualTo(Duration.ofSeconds(3));
        assertThat(f.signatureWindow()).isEqualTo(Duration.ofSeconds(60));
    }

    @Test
    void aJoiningNode_needsOnlyTheRpcUrlAndTheRegistry_notTheOtherContractAddresses() {
        NodeSettings s = resolve(Map.of(Setting.CHAIN_RPC_URL.key(), "http://127.0.0.1:8545",
                Setting.FEDERATION_REGISTRY.key(), REGISTRY, Setting.FEDERATION_ORGANISATION.key(), "Hospital B"));
        assertThat(s.joinsAlliance()).isTrue();
        assertThat(s.federation().registry()).contains(REGISTRY);
        assertThat(s.federation().organisation()).isEqualTo("Hospital B");
    }

    @Test
    void anExternalChainWithoutARegistry_stillNeedsEveryContractAddress() {
        assertThatThrownBy(() -> resolve(Map.of(Setting.CHAIN_RPC_URL.key(), "http://127.0.0.1:8545")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("contract addresses");
    }

    @Test
    void aRegistryWithoutAChain_aMalformedRegistry_orAnEmptyOrganisation_areRefused() {
        assertThatThrownBy(() -> resolve(Map.of(Setting.FEDERATION_REGISTRY.key(), REGISTRY)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("salus.chain.rpc-url");
        assertThatThrownBy(() -> resolve(Map.of(Setting.CHAIN_RPC_URL.key(), "http://127.0.0.1:8545",
                Setting.FEDERATION_REGISTRY.key(), "0x12"))).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("salus.federation.registry");
        assertThatThrownBy(() -> resolve(Map.of(Setting.FEDERATION_ORGANISATION.key(), " ")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("salus.federation.organisation");
        assertThatThrownBy(() -> resolve(Map.of(Setting.FEDERATION_TIMEOUT_MS.key(), "1")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("salus.federation.timeout-ms");
    }
}
