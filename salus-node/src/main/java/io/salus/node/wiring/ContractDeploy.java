package io.salus.node.wiring;

import io.salus.chain.ContractAddresses;
import io.salus.chain.ContractDeployment;
import io.salus.node.config.Setting;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/** Deploys the Salus contracts once to an external chain (e.g. Besu QBFT), for {@code ./salus deploy-contracts}. */
public final class ContractDeploy {
    private ContractDeploy() {
    }

    /**
     * Deploys every contract with the relayer key in {@code relayerKeyFile} (it becomes owner, registrar and anchorer)
     * and returns the settings a node needs to use them, in the order to print them.
     */
    public static Map<Setting, String> toExternalChain(String rpcUrl, long chainId, Path relayerKeyFile) {
        ContractAddresses a = ContractDeployment.deploy(rpcUrl, chainId, Engines.readKeyFile(relayerKeyFile));
        Map<Setting, String> out = new LinkedHashMap<>();
        out.put(Setting.CHAIN_RPC_URL, rpcUrl);
        out.put(Setting.CHAIN_ID, Long.toString(chainId));
        out.put(Setting.IDENTITY_REGISTRY, a.identityRegistry().toString());
        out.put(Setting.RECORD_REGISTRY, a.recordRegistry().toString());
        a.consent().ifPresent(c -> {
            out.put(Setting.ISSUER_REGISTRY, c.issuerRegistry().toString());
            out.put(Setting.CONSENT_REGISTRY, c.consentRegistry().toString());
            out.put(Setting.ACCESS_LOG, c.accessLog().toString());
        });
        a.deals().ifPresent(d -> {
            out.put(Setting.PAYMENT_TOKEN, d.paymentToken().toString());
            out.put(Setting.DATA_DEALS, d.dataDeals().toString());
        });
        out.put(Setting.RELAYER_KEY_FILE, relayerKeyFile.toAbsolutePath().toString());
        return out;
    }
}
