package io.salus.node.wiring;

import io.salus.chain.ContractAddresses;
import io.salus.chain.ContractDeployment;
import io.salus.chain.DealRoles;
import io.salus.chain.consent.EvmSigner;
import io.salus.core.account.EvmAddress;
import io.salus.node.config.Setting;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

/** Deploys the Salus contracts once to an external chain (e.g. Besu QBFT), for {@code ./salus deploy-contracts}. */
public final class ContractDeploy {
    private ContractDeploy() {
    }

    /**
     * Who administers the deal contracts of a deployment: the address that proposes and executes changes through the
     * DealTimelock (never the relayer), its minimum delay, and where the DAO treasury's and the operator's parts go.
     */
    public record DealAdministration(EvmAddress admin, Duration timelockDelay, EvmAddress daoTreasury,
            EvmAddress operatorPayee) {
    }

    /**
     * Deploys every contract with the relayer key in {@code relayerKeyFile} (it becomes owner, registrar and anchorer,
     * and the deal contracts' matcher; {@code deals} administers those) and returns the settings a node needs to use
     * them, in the order to print them.
     */
    public static Map<Setting, String> toExternalChain(String rpcUrl, long chainId, Path relayerKeyFile,
            DealAdministration deals) {
        byte[] key = Engines.readKeyFile(relayerKeyFile);
        DealRoles roles = new DealRoles(EvmSigner.addressOf(key), deals.admin(), deals.timelockDelay(),
                deals.daoTreasury(), deals.operatorPayee(), DealRoles.INITIAL_POLICY);
        ContractAddresses a = ContractDeployment.deploy(rpcUrl, chainId, key, roles);
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
            out.put(Setting.DEAL_POLICY, d.dealPolicy().toString());
            out.put(Setting.DEAL_TIMELOCK, d.timelock().toString());
        });
        out.put(Setting.RELAYER_KEY_FILE, relayerKeyFile.toAbsolutePath().toString());
        return out;
    }
}
