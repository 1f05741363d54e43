package io.salus.node.cli;

import io.salus.chain.ContractAddresses;
import io.salus.chain.ContractDeployment;
import io.salus.chain.DealRoles;
import io.salus.core.account.EvmAddress;
import io.salus.node.config.Setting;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HexFormat;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(name = "deploy-contracts", mixinStandardHelpOptions = true, description = "Deploy the Salus contracts once to an external chain (e.g. Besu QBFT) and print the settings.")
final class DeployContractsCommand implements Callable<Integer> {
    @Option(names = "--rpc-url", required = true, description = "JSON-RPC URL of the chain.")
    String rpcUrl;

    @Option(names = "--chain-id", required = true, description = "Chain id.")
    long chainId;

    @Option(names = "--relayer-key-file", required = true, description = "File with the relayer's hex private key; it becomes owner, registrar and anchorer, and the deal matcher. Never an API account's key.")
    Path keyFile;

    @Option(names = "--deal-admin", required = true, description = "Address that proposes and executes changes of the deal contracts through the DealTimelock (the consortium's governance, a multisig): never the relayer.")
    String admin;

    @Option(names = "--timelock-seconds", defaultValue = "172800", description = "The DealTimelock's minimum delay (default two days).")
    long timelockSeconds;

    @Option(names = "--dao-treasury", required = true, description = "Where the patient-DAO treasury's parts go.")
    String daoTreasury;

    @Option(names = "--operator-payee", required = true, description = "Where the node operator's parts go.")
    String operatorPayee;

    @Override
    public Integer call() throws java.io.IOException {
        String hex = Files.readString(keyFile, StandardCharsets.US_ASCII).strip();
        byte[] key = HexFormat.of().parseHex(hex.startsWith("0x") ? hex.substring(2) : hex);
        if (key.length != 32) {
            throw new IllegalArgumentException("the relayer key must be 32 bytes of hex");
        }
        EvmAddress relayer = io.salus.chain.consent.EvmSigner.addressOf(key);
        DealRoles roles = new DealRoles(relayer, new EvmAddress(admin), java.time.Duration.ofSeconds(timelockSeconds),
                new EvmAddress(daoTreasury), new EvmAddress(operatorPayee), DealRoles.INITIAL_POLICY);
        ContractAddresses a = ContractDeployment.deploy(rpcUrl, chainId, key, roles);
        System.out.println(Setting.CHAIN_RPC_URL.key() + "=" + rpcUrl);
        System.out.println(Setting.CHAIN_ID.key() + "=" + chainId);
        System.out.println(Setting.IDENTITY_REGISTRY.key() + "=" + a.identityRegistry());
        System.out.println(Setting.RECORD_REGISTRY.key() + "=" + a.recordRegistry());
        a.consent().ifPresent(c -> {
            System.out.println(Setting.ISSUER_REGISTRY.key() + "=" + c.issuerRegistry());
            System.out.println(Setting.CONSENT_REGISTRY.key() + "=" + c.consentRegistry());
            System.out.println(Setting.ACCESS_LOG.key() + "=" + c.accessLog());
        });
        a.deals().ifPresent(d -> {
            System.out.println(Setting.PAYMENT_TOKEN.key() + "=" + d.paymentToken());
            System.out.println(Setting.DATA_DEALS.key() + "=" + d.dataDeals());
            System.out.println(Setting.DEAL_POLICY.key() + "=" + d.dealPolicy());
            System.out.println(Setting.DEAL_TIMELOCK.key() + "=" + d.timelock());
        });
        System.out.println(Setting.RELAYER_KEY_FILE.key() + "=" + keyFile.toAbsolutePath());
        return 0;
    }
}
