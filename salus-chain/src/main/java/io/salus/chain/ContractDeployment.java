package io.salus.chain;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.salus.chain.internal.Abi;
import io.salus.chain.internal.Rpc;
import io.salus.chain.internal.TxSender;
import io.salus.contracts.generated.AccessLog;
import io.salus.contracts.generated.ConsentRegistry;
import io.salus.contracts.generated.DataDeals;
import io.salus.contracts.generated.IdentityRegistry;
import io.salus.contracts.generated.IssuerRegistry;
import io.salus.contracts.generated.PaymentToken;
import io.salus.contracts.generated.RecordRegistry;
import io.salus.core.account.EvmAddress;
import io.salus.core.error.SalusException;
import io.salus.platform.AtomicFiles;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.web3j.abi.TypeReference;
import org.web3j.abi.datatypes.Address;
import org.web3j.abi.datatypes.generated.Uint8;
import org.web3j.crypto.Credentials;
import org.web3j.crypto.ECKeyPair;
import org.web3j.protocol.core.DefaultBlockParameterName;
import org.web3j.protocol.core.methods.request.Transaction;
import org.web3j.protocol.core.methods.response.EthCall;
import org.web3j.protocol.core.methods.response.TransactionReceipt;

/**
 * Deploys IdentityRegistry, RecordRegistry, the consent contracts (IssuerRegistry, ConsentRegistry, AccessLog) and the
 * deal contracts (PaymentToken, DataDeals) with the relayer key, which becomes their owner, registrar, anchorer, access
 * logger, minter and deal matcher; DataDeals starts with the relayer as both the DAO treasury and the operator payee
 * ({@code setPayees} changes them). For a {@link LocalChain} the addresses are kept in
 * {@code <chainDir>/contracts.json} (a file written before the consent or deal contracts existed gets them deployed and
 * added on the next start, and an AccessLog older than version {@value #ACCESS_LOG_VERSION}, which named patients by
 * address, is replaced by a new one); for an external chain {@link #deploy} runs once and the addresses go into the
 * node's configuration. Stateless and thread-safe.
 */
public final class ContractDeployment {
    /** The AccessLog this node writes: patients by pseudonym. */
    public static final int ACCESS_LOG_VERSION = 2;
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Logger LOG = LoggerFactory.getLogger(ContractDeployment.class);

    private ContractDeployment() {
    }

    /**
     * Funds the relayer, then deploys on first start of a local chain; later starts read contracts.json and check the
     * code is there.
     */
    public static ContractAddresses ensureDeployed(LocalChain chain, byte[] relayerKey) {
        chain.fund(new EvmAddress(Credentials.create(ECKeyPair.create(relayerKey)).getAddress()));
        Path file = chain.config().chainDir().resolve("contracts.json");
        if (Files.exists(file)) {
            ContractAddresses known = read(file, chain.chainId());
            requireDeployed(chain.rpcUrl(), known);
            boolean added = false;
            if (known.consent().isEmpty()) {
                known = known.withConsent(withSender(chain.rpcUrl(), chain.chainId(), relayerKey, chain.journal(),
                        ContractDeployment::deployConsent));
                added = true;
            }
            if (known.consent().isPresent() && !pseudonymousAccessLog(chain.rpcUrl(), known.consent().get())) {
                ConsentAddresses c = known.consent().get();
                EvmAddress accessLog = deployAccessLog(chain.rpcUrl(), chain.chainId(), relayerKey, chain.journal());
                LOG.warn("The AccessLog at {} names patients by address: deployed AccessLog version {} at {}; the old "
                        + "contract's events stay on chain but are no longer read", c.accessLog(),
                        ACCESS_LOG_VERSION, accessLog);
                known = known.withConsent(new ConsentAddresses(c.issuerRegistry(), c.consentRegistry(), accessLog));
                added = true;
            }
            if (known.deals().isEmpty()) {
                known = known.withDeals(withSender(chain.rpcUrl(), chain.chainId(), relayerKey, chain.journal(),
                        ContractDeployment::deployDeals));
                added = true;
            }
            if (added) {
                write(file, chain.chainId(), known);
                chain.snapshotNow();
            }
            return known;
        }
        ContractAddresses deployed = deploy(chain.rpcUrl(), chain.chainId(), relayerKey, chain.journal());
        write(file, chain.chainId(), deployed);
        chain.snapshotNow();
        return deployed;
    }

    /** Deploys all the contracts against any RPC (for an external chain: once, then configure the addresses). */
    public static ContractAddresses deploy(String rpcUrl, long chainId, byte[] relayerKey) {
        return deploy(rpcUrl, chainId, relayerKey, TxJournal.none());
    }

    static ContractAddresses deploy(String rpcUrl, long chainId, byte[] relayerKey, TxJournal journal) {
        return withSender(rpcUrl, chainId, relayerKey, journal, sender -> {
            EvmAddress identity = deployed(sender, IdentityRegistry.BINARY);
            EvmAddress records = deployed(sender, RecordRegistry.BINARY);
            return new ContractAddresses(identity, records, Optional.of(deployConsent(sender)),
                    Optional.of(deployDeals(sender)));
        });
    }

    /** Runs {@code deploy} with the relayer's sender on a connection of its own. */
    private static <T> T withSender(String rpcUrl, long chainId, byte[] relayerKey, TxJournal journal,
            Function<TxSender, T> deploy) {
        try (Rpc rpc = Rpc.connect(rpcUrl, Duration.ofSeconds(30))) {
            return deploy.apply(new TxSender(rpc, Credentials.create(ECKeyPair.create(relayerKey)), chainId, journal,
                    Duration.ofMinutes(2)));
        }
    }

    /**
     * Deploys only the consent contracts, for an external chain whose record contracts predate them (then add the
     * addresses to the node's configuration).
     */
    public static ConsentAddresses deployConsent(String rpcUrl, long chainId, byte[] relayerKey) {
        return withSender(rpcUrl, chainId, relayerKey, TxJournal.none(), ContractDeployment::deployConsent);
    }

    /**
     * Whether the AccessLog names patients by pseudonym (version {@value #ACCESS_LOG_VERSION}); one deployed by an
     * older node (without {@code VERSION()}) does not.
     */
    public static boolean pseudonymousAccessLog(String rpcUrl, ConsentAddresses consent) {
        try (Rpc rpc = Rpc.connect(rpcUrl, Duration.ofSeconds(30))) {
            EthCall r = rpc.call("eth_call",
                    () -> rpc.web3j()
                            .ethCall(Transaction.createEthCallTransaction("0x0000000000000000000000000000000000000000",
                                    consent.accessLog().hex(), Abi.encode(AccessLog.FUNC_VERSION)),
                                    DefaultBlockParameterName.LATEST)
                            .send());
            if (r.hasError() || r.isReverted() || r.getValue() == null || r.getValue().length() < 66) {
                return false;
            }
            return ((BigInteger) Abi.decode(r.getValue(), new TypeReference<Uint8>() {
            }).get(0)).intValue() == ACCESS_LOG_VERSION;
        }
    }

    private static EvmAddress deployAccessLog(String rpcUrl, long chainId, byte[] relayerKey, TxJournal journal) {
        try (Rpc rpc = Rpc.connect(rpcUrl, Duration.ofSeconds(30))) {
            return deployed(new TxSender(rpc, Credentials.create(ECKeyPair.create(relayerKey)), chainId, journal,
                    Duration.ofMinutes(2)), AccessLog.BINARY);
        }
    }

    private static ConsentAddresses deployConsent(TxSender sender) {
        EvmAddress issuers = deployed(sender, IssuerRegistry.BINARY);
        EvmAddress consent = deployed(sender, ConsentRegistry.BINARY);
        EvmAddress accessLog = deployed(sender, AccessLog.BINARY);
        return new ConsentAddresses(issuers, consent, accessLog);
    }

    /**
     * Deploys only the deal contracts, for an external chain whose other contracts predate them (then add the
     * addresses to the node's configuration).
     */
    public static DealAddresses deployDeals(String rpcUrl, long chainId, byte[] relayerKey) {
        return withSender(rpcUrl, chainId, relayerKey, TxJournal.none(), ContractDeployment::deployDeals);
    }

    private static DealAddresses deployDeals(TxSender sender) {
        EvmAddress token = deployed(sender, PaymentToken.BINARY);
        String args = Abi.encodeConstructor(new Address(token.hex()), new Address(sender.from()),
                new Address(sender.from()));
        EvmAddress deals = deployed(sender, DataDeals.BINARY + args);
        return new DealAddresses(token, deals);
    }

    private static EvmAddress deployed(TxSender sender, String binary) {
        TransactionReceipt receipt = sender.send(null, "0x" + binary);
        return new EvmAddress(receipt.getContractAddress());
    }

    /** Fails with a clear message unless every address holds contract code. */
    public static void requireDeployed(String rpcUrl, ContractAddresses addresses) {
        try (Rpc rpc = Rpc.connect(rpcUrl, Duration.ofSeconds(30))) {
            for (EvmAddress a : addresses.all()) {
                String code = rpc.call("eth_getCode",
                        () -> rpc.web3j().ethGetCode(a.hex(), DefaultBlockParameterName.LATEST).send().getCode());
                if (code == null || code.equals("0x") || code.isEmpty()) {
                    throw new SalusException("no contract code at " + a + " on " + rpcUrl
                            + ": the configured contract addresses do not belong to this chain (or its state was lost)");
                }
            }
        }
    }

    private static ContractAddresses read(Path file, long chainId) {
        try {
            JsonNode n = JSON.readTree(file.toFile());
            if (n.path("chainId").asLong() != chainId) {
                throw new SalusException(file + " is for chain " + n.path("chainId").asLong() + ", not " + chainId);
            }
            ContractAddresses a = new ContractAddresses(new EvmAddress(n.path("identityRegistry").asText()),
                    new EvmAddress(n.path("recordRegistry").asText()));
            if (n.has("consentRegistry")) {
                a = a.withConsent(new ConsentAddresses(new EvmAddress(n.path("issuerRegistry").asText()),
                        new EvmAddress(n.path("consentRegistry").asText()),
                        new EvmAddress(n.path("accessLog").asText())));
            }
            if (n.has("dataDeals")) {
                a = a.withDeals(new DealAddresses(new EvmAddress(n.path("paymentToken").asText()),
                        new EvmAddress(n.path("dataDeals").asText())));
            }
            return a;
        } catch (IOException | IllegalArgumentException e) {
            throw new SalusException("cannot read the contract addresses in " + file, e);
        }
    }

    private static void write(Path file, long chainId, ContractAddresses a) {
        ObjectNode n = JSON.createObjectNode().put("chainId", chainId)
                .put("identityRegistry", a.identityRegistry().hex()).put("recordRegistry", a.recordRegistry().hex());
        a.consent().ifPresent(c -> n.put("issuerRegistry", c.issuerRegistry().hex())
                .put("consentRegistry", c.consentRegistry().hex()).put("accessLog", c.accessLog().hex()));
        a.deals().ifPresent(d -> n.put("paymentToken", d.paymentToken().hex()).put("dataDeals", d.dataDeals().hex()));
        try {
            AtomicFiles.write(file, JSON.writerWithDefaultPrettyPrinter().writeValueAsBytes(n));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file, e);
        }
    }
}
