package io.salus.chain.deals;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.salus.chain.ContractAddresses;
import io.salus.chain.ContractDeployment;
import io.salus.chain.LocalChain;
import io.salus.chain.LocalChainConfig;
import io.salus.chain.TestChains;
import io.salus.core.error.SalusException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DealContractsUpgradeIT {
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;

    @Test
    void dataDirFromBeforeTheCurrentDealContracts_getsThemDeployedAndRecorded_onTheNextStart() throws IOException {
        Path chainDir = dir.resolve("chain");
        Path file = chainDir.resolve("contracts.json");
        ContractAddresses first;
        try (LocalChain chain = LocalChain.start(LocalChainConfig.of(chainDir, TestChains.anvil()))) {
            first = ContractDeployment.ensureDeployed(chain, TestChains.RELAYER_KEY);
            ObjectNode old = (ObjectNode) JSON.readTree(file.toFile());
            old.remove(List.of("dealPolicy", "dealTimelock"));
            Files.write(file, JSON.writeValueAsBytes(old));
        }

        try (LocalChain chain = LocalChain.start(LocalChainConfig.of(chainDir, TestChains.anvil()))) {
            ContractAddresses upgraded = ContractDeployment.ensureDeployed(chain, TestChains.RELAYER_KEY);

            assertThat(upgraded.identityRegistry()).isEqualTo(first.identityRegistry());
            assertThat(upgraded.consent()).isEqualTo(first.consent());
            assertThat(upgraded.deals()).isPresent();
            assertThat(upgraded.deals()).isNotEqualTo(first.deals());
            ContractDeployment.requireDeployed(chain.rpcUrl(), upgraded);
            assertThat(JSON.readTree(file.toFile()).path("dataDeals").asText())
                    .isEqualTo(upgraded.deals().orElseThrow().dataDeals().hex());
            assertThat(ContractDeployment.ensureDeployed(chain, TestChains.RELAYER_KEY)).isEqualTo(upgraded);
        }
    }

    /**
     * A data directory whose DataDeals predates payouts naming their DAO's treasury (here: any contract without
     * {@code VERSION() == 2}) is refused at the next start, saying what to do: its settlements would revert.
     */
    @Test
    void aDataDealsBeforeVersion2_refusesTheNextStart_sayingToStartOnAFreshDataDirectory() throws IOException {
        Path chainDir = dir.resolve("chain");
        Path file = chainDir.resolve("contracts.json");
        try (LocalChain chain = LocalChain.start(LocalChainConfig.of(chainDir, TestChains.anvil()))) {
            ContractAddresses first = ContractDeployment.ensureDeployed(chain, TestChains.RELAYER_KEY);
            assertThat(ContractDeployment.currentDataDeals(chain.rpcUrl(), first.deals().orElseThrow())).isTrue();
            ObjectNode old = (ObjectNode) JSON.readTree(file.toFile());
            old.put("dataDeals", first.recordRegistry().hex());
            Files.write(file, JSON.writeValueAsBytes(old));
        }

        try (LocalChain chain = LocalChain.start(LocalChainConfig.of(chainDir, TestChains.anvil()))) {
            assertThatThrownBy(() -> ContractDeployment.ensureDeployed(chain, TestChains.RELAYER_KEY))
                    .isInstanceOf(SalusException.class).hasMessageContaining("predates version 2")
                    .hasMessageContaining("fresh data directory");
        }
    }
}
