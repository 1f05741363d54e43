package io.salus.node.cli;

import io.salus.core.account.EvmAddress;
import io.salus.node.wiring.ContractDeploy;
import java.nio.file.Path;
import java.time.Duration;
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
    public Integer call() {
        ContractDeploy.toExternalChain(rpcUrl, chainId, keyFile, new ContractDeploy.DealAdministration(
                new EvmAddress(admin), Duration.ofSeconds(timelockSeconds), new EvmAddress(daoTreasury),
                new EvmAddress(operatorPayee))).forEach(
                        (setting, value) -> System.out.println(setting.key() + "="
                                + value));
        return 0;
    }
}
