package io.salus.node.wiring;

import io.salus.chain.ContractAddresses;
import io.salus.chain.ContractDeployment;
import io.salus.chain.DealRoles;
import io.salus.chain.EvmLedger;
import io.salus.chain.EvmLedgerConfig;
import io.salus.chain.LocalChain;
import io.salus.chain.LocalChainConfig;
import io.salus.chain.federation.EvmNodeRegistry;
import io.salus.core.account.EvmAddress;
import io.salus.core.error.SalusException;
import io.salus.core.port.InstanceLocks;
import io.salus.node.config.NodeSettings;
import io.salus.node.config.Setting;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HexFormat;
import java.util.Optional;
import java.util.function.Function;

/** Starting the chain: the local anvil the node owns, or an external chain by configuration. */
final class Engines {
    private Engines() {
    }

    record Chain(Optional<LocalChain> local, EvmLedger ledger) {
    }

    /**
     * The chain, with the node's own relayer key (never an API account's) and, on the local chain, the deal
     * contracts administered by a timelock whose proposer is the node's admin key and whose operator payee is the
     * operator account. When other instances may share the node's database ({@code shared}), every account's nonces
     * are agreed through {@code locks} (decision 0031).
     */
    static Chain startChain(NodeSettings s, NodeSecrets secrets, EvmAddress operatorAddress, InstanceLocks locks,
            boolean shared, PrintStream out) {
        Function<EvmLedgerConfig, EvmLedgerConfig> nonces = c -> shared ? c.sharedBy(locks) : c;
        if (s.joinsAlliance()) {
            return joinAlliance(s, secrets, nonces, out);
        }
        if (s.externalChain()) {
            String rpc = s.get(Setting.CHAIN_RPC_URL);
            byte[] relayerKey = readKeyFile(Path.of(s.get(Setting.RELAYER_KEY_FILE)));
            ContractAddresses addresses = new ContractAddresses(new EvmAddress(s.get(Setting.IDENTITY_REGISTRY)),
                    new EvmAddress(s.get(Setting.RECORD_REGISTRY))).withConsent(
                            new io.salus.chain.ConsentAddresses(
                                    new EvmAddress(s.get(Setting.ISSUER_REGISTRY)),
                                    new EvmAddress(s.get(Setting.CONSENT_REGISTRY)),
                                    new EvmAddress(s.get(Setting.ACCESS_LOG))))
                    .withDeals(new io.salus.chain.DealAddresses(new EvmAddress(s.get(Setting.PAYMENT_TOKEN)),
                            new EvmAddress(s.get(Setting.DATA_DEALS)), new EvmAddress(s.get(Setting.DEAL_POLICY)),
                            new EvmAddress(s.get(Setting.DEAL_TIMELOCK))));
            out.println("Chain: external " + rpc + " (chain id " + s.chainId() + ")");
            ContractDeployment.requireDeployed(rpc, addresses);
            if (!ContractDeployment.pseudonymousAccessLog(rpc, addresses.consent().orElseThrow())) {
                throw new SalusException("the AccessLog at " + s.get(Setting.ACCESS_LOG) + " names patients by "
                        + "address (a version before " + ContractDeployment.ACCESS_LOG_VERSION + "): deploy the "
                        + "current one (./salus deploy-contracts) and set " + Setting.ACCESS_LOG.key());
            }
            return new Chain(Optional.empty(),
                    EvmLedger.connect(nonces.apply(EvmLedgerConfig.of(rpc, s.chainId(), relayerKey, addresses,
                            io.salus.chain.TxJournal.none()))));
        }
        Path anvil = anvilBinary(s);
        out.println("Chain: starting local anvil (" + s.dataDir().resolve("chain") + ")");
        LocalChain chain = LocalChain.start(LocalChainConfig.of(s.dataDir().resolve("chain"), anvil)
                .withChainId(s.chainId()).withSnapshotInterval(s.snapshotInterval()).withBlockTime(s.chainBlockTime()));
        byte[] relayerKey = secrets.relayerKey();
        try {
            chain.fund(secrets.adminAddress());
            DealRoles roles = new DealRoles(secrets.relayerAddress(), secrets.adminAddress(),
                    Duration.ofSeconds(Long.parseLong(s.get(Setting.DEAL_TIMELOCK_SECONDS))), secrets.adminAddress(),
                    operatorAddress, DealRoles.INITIAL_POLICY);
            ContractAddresses addresses = ContractDeployment.ensureDeployed(chain, relayerKey, roles);
            out.println("Chain: " + chain.rpcUrl() + " (chain id " + chain.chainId() + "), IdentityRegistry "
                    + addresses.identityRegistry() + ", RecordRegistry " + addresses.recordRegistry()
                    + ", relayer " + secrets.relayerAddress() + ", deal admin " + secrets.adminAddress());
            return new Chain(Optional.of(chain), EvmLedger.connect(nonces.apply(EvmLedgerConfig.local(chain,
                    relayerKey, addresses))));
        } catch (RuntimeException e) {
            chain.close();
            throw e;
        } finally {
            java.util.Arrays.fill(relayerKey, (byte) 0);
        }
    }

    /**
     * A node joining an alliance: the chain's RPC URL and the NodeRegistry's address are all it is told; the other
     * contracts' addresses come from the registry. It signs with its own relayer key (the configured key file, or the
     * one in its node keys), which the alliance's admission lets write to the shared contracts.
     */
    private static Chain joinAlliance(NodeSettings s, NodeSecrets secrets,
            Function<EvmLedgerConfig, EvmLedgerConfig> nonces, PrintStream out) {
        String rpc = s.get(Setting.CHAIN_RPC_URL);
        EvmAddress registry = new EvmAddress(s.get(Setting.FEDERATION_REGISTRY));
        ContractAddresses addresses = EvmNodeRegistry.contracts(rpc, registry);
        ContractDeployment.requireDeployed(rpc, addresses);
        byte[] relayerKey = s.optional(Setting.RELAYER_KEY_FILE).map(f -> readKeyFile(Path.of(f)))
                .orElseGet(secrets::relayerKey);
        try {
            out.println("Chain: joining the alliance of NodeRegistry " + registry + " on " + rpc + " (chain id "
                    + s.chainId() + ")");
            return new Chain(Optional.empty(), EvmLedger.connect(nonces.apply(EvmLedgerConfig.of(rpc, s.chainId(),
                    relayerKey, addresses, io.salus.chain.TxJournal.none()))));
        } finally {
            java.util.Arrays.fill(relayerKey, (byte) 0);
        }
    }

    static Path anvilBinary(NodeSettings s) {
        Optional<String> configured = s.optional(Setting.ANVIL_BINARY);
        if (configured.isPresent()) {
            return requireExecutable(Path.of(configured.get()));
        }
        String home = System.getProperty("salus.home", ".");
        return requireExecutable(Path.of(home).resolve(
                "salus-contracts/node_modules/@foundry-rs/anvil-linux-amd64/bin/anvil").toAbsolutePath().normalize());
    }

    private static Path requireExecutable(Path p) {
        if (!Files.isExecutable(p)) {
            throw new IllegalStateException("anvil not found at " + p + ": build the project (./mvnw install) "
                    + "so that npm installs it, or set " + Setting.ANVIL_BINARY.key());
        }
        return p;
    }

    static byte[] readKeyFile(Path file) {
        try {
            String hex = Files.readString(file, StandardCharsets.US_ASCII).strip();
            hex = hex.startsWith("0x") ? hex.substring(2) : hex;
            byte[] key = HexFormat.of().parseHex(hex);
            if (key.length != 32) {
                throw new IllegalArgumentException("the relayer key in " + file + " is not 32 bytes");
            }
            return key;
        } catch (IOException e) {
            throw new IllegalArgumentException("cannot read the relayer key file " + file + ": " + e.getMessage(), e);
        }
    }
}
