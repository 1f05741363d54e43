package io.salus.node.cli;

import io.salus.node.wiring.ContractDeploy;
import java.nio.file.Path;
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
    public Integer call() {
        ContractDeploy.toExternalChain(rpcUrl, chainId, keyFile)
                .forEach((setting, value) -> System.out.println(setting.key() + "=" + value));
        return 0;
    }
}
