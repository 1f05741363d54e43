package io.salus.chain;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.salus.chain.internal.Abi;
import io.salus.chain.internal.ChainReads;
import io.salus.chain.internal.Rpc;
import io.salus.chain.internal.TxSender;
import io.salus.contracts.generated.AccessLog;
import io.salus.contracts.generated.ConsentRegistry;
import io.salus.contracts.generated.DataDeals;
import io.salus.contracts.generated.DealPolicy;
import io.salus.contracts.generated.DealTimelock;
import io.salus.contracts.generated.IdentityRegistry;
import io.salus.contracts.generated.IssuerRegistry;
import io.salus.contracts.generated.PaymentToken;
import io.salus.contracts.generated.RecordRegistry;
import io.salus.core.account.EvmAddress;
import io.salus.core.deal.SplitPolicy;
import io.salus.core.error.SalusException;
import io.salus.platform.AtomicFiles;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.web3j.abi.TypeReference;
import org.web3j.abi.datatypes.Address;
import org.web3j.abi.datatypes.DynamicArray;
import org.web3j.abi.datatypes.generated.Uint256;
import org.web3j.abi.datatypes.generated.Uint8;
import org.web3j.crypto.Credentials;
import org.web3j.crypto.ECKeyPair;
import org.web3j.protocol.core.DefaultBlockParameterName;
import org.web3j.protocol.core.methods.request.Transaction;
import org.web3j.protocol.core.methods.response.EthCall;
import org.web3j.protocol.core.methods.response.TransactionReceipt;

/**
 * Deploys IdentityRegistry, RecordRegistry and the consent contracts (IssuerRegistry, ConsentRegistry, AccessLog) with
 * the relayer key, which becomes their owner, registrar, anchorer and access logger, and the deal contracts
 * (PaymentToken, whose minter is the relayer; DealTimelock, DealPolicy, DataDeals) with the roles of a
 * {@link DealRoles}: the timelock holds every admin role of DataDeals and DealPolicy, its proposer and executor is the
 * admin key, the matcher holds MATCHER_ROLE, and the relayer that deploys holds no deal role unless it is the matcher.
 * For a {@link LocalChain} the addresses are kept in {@code <chainDir>/contracts.json} (a file written before the
 * consent contracts, or before the current deal contracts ({@code dealPolicy} missing), gets them deployed and added
 * on the next start; deals of the earlier DataDeals stay there, refundable by their consumers after their deadline;
 * an AccessLog older than version {@value #ACCESS_LOG_VERSION}, which named patients by address, is replaced by a new
 * one); for an external chain {@link #deploy} runs once and the addresses go into the node's configuration. Stateless
 * and thread-safe.
 */
public final class ContractDeployment {
    /** The AccessLog this node writes: patients by pseudonym. */
    public static final int ACCESS_LOG_VERSION = 2;
    /** The DataDeals this node settles with: payouts carry the member's DAO treasury. */
    public static final int DATA_DEALS_VERSION = 2;
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Logger LOG = LoggerFactory.getLogger(ContractDeployment.class);

    private ContractDeployment() {
    }

    /**
     * Funds the relayer, then deploys on first start of a local chain; later starts read contracts.json and check the
     * code is there.
     */
    public static ContractAddresses ensureDeployed(LocalChain chain, byte[] relayerKey) {
        return ensureDeployed(chain, relayerKey, unadministered(relayerKey));
    }

    /**
     * The roles of a deployment whose deal contracts nobody administers (the admin is a fresh random address whose
     * key is thrown away), with the relayer as matcher and payee: for tests and tools that never change them.
     */
    public static DealRoles unadministered(byte[] relayerKey) {
        byte[] throwaway = new byte[32];
        new SecureRandom().nextBytes(throwaway);
        EvmAddress relayer = new EvmAddress(Credentials.create(ECKeyPair.create(relayerKey)).getAddress());
        EvmAddress nobody = new EvmAddress(Credentials.create(ECKeyPair.create(throwaway)).getAddress());
        return new DealRoles(relayer, nobody, Duration.ofDays(2), relayer, relayer, DealRoles.INITIAL_POLICY);
    }

    /**
     * Funds the relayer, then deploys on first start of a local chain (the deal contracts with {@code roles}); later
     * starts read contracts.json, check the code is there and add what is missing.
     */
    public static ContractAddresses ensureDeployed(LocalChain chain, byte[] relayerKey, DealRoles roles) {
        chain.fund(new EvmAddress(Credentials.create(ECKeyPair.create(relayerKey)).getAddress()));
        Path file = chain.config().chainDir().resolve("contracts.json");
        if (Files.exists(file)) {
            ContractAddresses known = read(file, chain.chainId());
            requireDeployed(chain.rpcUrl(), known);
            requireOwner(chain.rpcUrl(), known.identityRegistry(),
                    new EvmAddress(Credentials.create(ECKeyPair.create(relayerKey)).getAddress()));
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
            if (known.deals().isPresent() && !currentDataDeals(chain.rpcUrl(), known.deals().get())) {
                throw new SalusException("the DataDeals at " + known.deals().get().dataDeals() + " predates version "
                        + DATA_DEALS_VERSION + " (payouts naming their DAO's treasury, decision 0040): the node's "
                        + "settlements would revert there. Start on a fresh data directory (or move "
                        + chain.config().chainDir() + " away); its deals are refundable by their consumers after "
                        + "their deadlines");
            }
            if (known.deals().isEmpty()) {
                known = known.withDeals(withSender(chain.rpcUrl(), chain.chainId(), relayerKey, chain.journal(),
                        sender -> deployDeals(sender, roles)));
                added = true;
            }
            if (added) {
                write(file, chain.chainId(), known);
                chain.snapshotNow();
            }
            return known;
        }
        ContractAddresses deployed = deploy(chain.rpcUrl(), chain.chainId(), relayerKey, chain.journal(), roles);
        write(file, chain.chainId(), deployed);
        chain.snapshotNow();
        return deployed;
    }

    /** Deploys all the contracts against any RPC (for an external chain: once, then configure the addresses). */
    public static ContractAddresses deploy(String rpcUrl, long chainId, byte[] relayerKey, DealRoles roles) {
        return deploy(rpcUrl, chainId, relayerKey, TxJournal.none(), roles);
    }

    static ContractAddresses deploy(String rpcUrl, long chainId, byte[] relayerKey, TxJournal journal,
            DealRoles roles) {
        return withSender(rpcUrl, chainId, relayerKey, journal, sender -> {
            EvmAddress identity = deployed(sender, IdentityRegistry.BINARY);
            EvmAddress records = deployed(sender, RecordRegistry.BINARY);
            return new ContractAddresses(identity, records, Optional.of(deployConsent(sender)),
                    Optional.of(deployDeals(sender, roles)));
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
        return version(rpcUrl, consent.accessLog(), Abi.encode(AccessLog.FUNC_VERSION)) == ACCESS_LOG_VERSION;
    }

    /** Whether the DataDeals is version {@value #DATA_DEALS_VERSION}; one deployed before (no {@code VERSION()}) is not. */
    public static boolean currentDataDeals(String rpcUrl, DealAddresses deals) {
        return version(rpcUrl, deals.dataDeals(), Abi.encode(DataDeals.FUNC_VERSION)) == DATA_DEALS_VERSION;
    }

    private static int version(String rpcUrl, EvmAddress contract, String call) {
        try (Rpc rpc = Rpc.connect(rpcUrl, Duration.ofSeconds(30))) {
            EthCall r = rpc.call("eth_call",
                    () -> rpc.web3j().ethCall(Transaction.createEthCallTransaction(
                            "0x0000000000000000000000000000000000000000", contract.hex(), call),
                            DefaultBlockParameterName.LATEST).send());
            if (r.hasError() || r.isReverted() || r.getValue() == null || r.getValue().length() < 66) {
                return 0;
            }
            return ((BigInteger) Abi.decode(r.getValue(), new TypeReference<Uint8>() {
            }).get(0)).intValue();
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
    public static DealAddresses deployDeals(String rpcUrl, long chainId, byte[] relayerKey, DealRoles roles) {
        return withSender(rpcUrl, chainId, relayerKey, TxJournal.none(), sender -> deployDeals(sender, roles));
    }

    private static DealAddresses deployDeals(TxSender sender, DealRoles roles) {
        EvmAddress token = deployed(sender, PaymentToken.BINARY);
        Address admin = new Address(roles.admin().hex());
        EvmAddress timelock = deployed(sender, DealTimelock.BINARY + Abi.encodeConstructor(
                new Uint256(roles.timelockDelay().toSeconds()), new DynamicArray<>(Address.class, List.of(admin)),
                new DynamicArray<>(Address.class, List.of(admin))));
        SplitPolicy p = roles.policy();
        EvmAddress policy = deployed(sender, DealPolicy.BINARY + Abi.encodeConstructor(new Address(timelock.hex()),
                new DealPolicy.Terms(big(p.minPatient()), big(p.minProviders()), big(p.minCaregiver()),
                        big(p.minDaoTreasury()), big(p.maxOperator()))));
        EvmAddress deals = deployed(sender, DataDeals.BINARY + Abi.encodeConstructor(new Address(token.hex()),
                new Address(policy.hex()), new Address(timelock.hex()), new Address(roles.matcher().hex()),
                new Address(roles.daoTreasury().hex()), new Address(roles.operatorPayee().hex())));
        return new DealAddresses(token, deals, policy, timelock);
    }

    private static BigInteger big(int v) {
        return BigInteger.valueOf(v);
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

    /**
     * Fails unless {@code relayer} owns {@code contract}: a data directory whose contracts another key owns (one from
     * before the node had its own relayer key, when the operator account's key relayed) cannot be driven by this node.
     */
    static void requireOwner(String rpcUrl, EvmAddress contract, EvmAddress relayer) {
        try (Rpc rpc = Rpc.connect(rpcUrl, Duration.ofSeconds(30))) {
            String owner = (String) new ChainReads(rpc, relayer.hex()).call(contract, Abi.encode("owner"),
                    new TypeReference<Address>() {
                    }).get(0);
            if (!new EvmAddress(owner).equals(relayer)) {
                throw new SalusException("the contracts of this chain are owned by " + owner + ", not by the node's "
                        + "relayer " + relayer + ": a data directory from before the node had its own keys (when the "
                        + "operator account's key relayed); start the node on a fresh data directory");
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
            if (n.has("dealPolicy")) {
                a = a.withDeals(new DealAddresses(new EvmAddress(n.path("paymentToken").asText()),
                        new EvmAddress(n.path("dataDeals").asText()), new EvmAddress(n.path("dealPolicy").asText()),
                        new EvmAddress(n.path("dealTimelock").asText())));
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
        a.deals().ifPresent(d -> n.put("paymentToken", d.paymentToken().hex()).put("dataDeals", d.dataDeals().hex())
                .put("dealPolicy", d.dealPolicy().hex()).put("dealTimelock", d.timelock().hex()));
        try {
            AtomicFiles.write(file, JSON.writerWithDefaultPrettyPrinter().writeValueAsBytes(n));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file, e);
        }
    }
}
