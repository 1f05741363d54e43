package io.salus.node.cli;

import io.salus.chain.ContractAddresses;
import io.salus.chain.ContractDeployment;
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

    @Option(names = "--relayer-key-file", required = true, description = "File with the relayer's hex private key; it becomes owner, registrar and anchorer.")
    Path keyFile;

    @Override
    public Integer call() throws java.io.IOException {
        String hex = Files.readString(keyFile, StandardCharsets.US_ASCII).strip();
        byte[] key = HexFormat.of().parseHex(hex.startsWith("0x") ? hex.substring(2) : hex);
        if (key.length != 32) {
            throw new IllegalArgumentException("the relayer key must be 32 bytes of hex");
        }
        ContractAddresses a = ContractDeployment.deploy(rpcUrl, chainId, key);
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
        });
        System.out.println(Setting.RELAYER_KEY_FILE.key() + "=" + keyFile.toAbsolutePath());
        return 0;
    }
}
