package io.salus.chain.consent;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.salus.chain.ContractAddresses;
import io.salus.chain.ContractDeployment;
import io.salus.chain.LocalChain;
import io.salus.chain.LocalChainConfig;
import io.salus.chain.TestChains;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ContractUpgradeIT {
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;

    @Test
    void dataDirFromBeforeTheConsentContracts_getsThemDeployedAndRecorded_onTheNextStart() throws IOException {
        Path chainDir = dir.resolve("chain");
        Path file = chainDir.resolve("contracts.json");
        ContractAddresses first;
        try (LocalChain chain = LocalChain.start(LocalChainConfig.of(chainDir, TestChains.anvil()))) {
            first = ContractDeployment.ensureDeployed(chain, TestChains.RELAYER_KEY);
            ObjectNode old = (ObjectNode) JSON.readTree(file.toFile());
            old.remove(java.util.List.of("issuerRegistry", "consentRegistry", "accessLog"));
            Files.write(file, JSON.writeValueAsBytes(old));
        }

        try (LocalChain chain = LocalChain.start(LocalChainConfig.of(chainDir, TestChains.anvil()))) {
            ContractAddresses upgraded = ContractDeployment.ensureDeployed(chain, TestChains.RELAYER_KEY);

            assertThat(upgraded.identityRegistry()).isEqualTo(first.identityRegistry());
            assertThat(upgraded.recordRegistry()).isEqualTo(first.recordRegistry());
            assertThat(upgraded.consent()).isPresent();
            ContractDeployment.requireDeployed(chain.rpcUrl(), upgraded);
            assertThat(JSON.readTree(file.toFile()).path("consentRegistry").asText())
                    .isEqualTo(upgraded.consent().orElseThrow().consentRegistry().hex());

            assertThat(ContractDeployment.ensureDeployed(chain, TestChains.RELAYER_KEY)).isEqualTo(upgraded);
        }
    }

    /**
     * A data directory whose AccessLog predates pseudonyms (here: any contract without {@code VERSION() == 2}, as the
     * version 1 AccessLog had none) gets a new AccessLog on the next start; the other contracts stay.
     */
    @Test
    void anAccessLogThatNamedPatientsByAddress_isReplacedOnTheNextStart_andTheRestStays() throws IOException {
        Path chainDir = dir.resolve("chain");
        Path file = chainDir.resolve("contracts.json");
        ContractAddresses first;
        try (LocalChain chain = LocalChain.start(LocalChainConfig.of(chainDir, TestChains.anvil()))) {
            first = ContractDeployment.ensureDeployed(chain, TestChains.RELAYER_KEY);
            assertThat(ContractDeployment.pseudonymousAccessLog(chain.rpcUrl(), first.consent().orElseThrow()))
                    .isTrue();
            ObjectNode old = (ObjectNode) JSON.readTree(file.toFile());
            old.put("accessLog", first.recordRegistry().hex());
            Files.write(file, JSON.writeValueAsBytes(old));
        }

        try (LocalChain chain = LocalChain.start(LocalChainConfig.of(chainDir, TestChains.anvil()))) {
            ContractAddresses upgraded = ContractDeployment.ensureDeployed(chain, TestChains.RELAYER_KEY);

            var consent = upgraded.consent().orElseThrow();
            assertThat(consent.accessLog()).isNotIn(first.recordRegistry(), first.consent().orElseThrow().accessLog());
            assertThat(consent.consentRegistry()).isEqualTo(first.consent().orElseThrow().consentRegistry());
            assertThat(upgraded.deals()).isEqualTo(first.deals());
            assertThat(ContractDeployment.pseudonymousAccessLog(chain.rpcUrl(), consent)).isTrue();
            assertThat(JSON.readTree(file.toFile()).path("accessLog").asText()).isEqualTo(consent.accessLog().hex());
            assertThat(ContractDeployment.ensureDeployed(chain, TestChains.RELAYER_KEY)).isEqualTo(upgraded);
        }
    }
}
