package io.salus.chain;

import io.salus.chain.internal.Abi;
import io.salus.chain.internal.ChainAccess;
import io.salus.chain.internal.ChainReads;
import io.salus.chain.internal.Rpc;
import io.salus.chain.internal.TxSender;
import io.salus.contracts.generated.IdentityRegistry;
import io.salus.contracts.generated.RecordRegistry;
import io.salus.core.account.AccountKind;
import io.salus.core.account.EvmAddress;
import io.salus.core.anchor.AnchorTx;
import io.salus.core.anchor.TxRef;
import io.salus.core.error.ErrorCode;
import io.salus.core.error.Result;
import io.salus.core.error.SalusException;
import io.salus.core.merkle.Hash32;
import io.salus.core.port.Ledger;
import java.math.BigInteger;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.web3j.abi.EventEncoder;
import org.web3j.abi.TypeReference;
import org.web3j.abi.datatypes.Address;
import org.web3j.abi.datatypes.Bool;
import org.web3j.abi.datatypes.DynamicArray;
import org.web3j.abi.datatypes.generated.Bytes32;
import org.web3j.abi.datatypes.generated.Uint32;
import org.web3j.abi.datatypes.generated.Uint64;
import org.web3j.abi.datatypes.generated.Uint8;
import org.web3j.crypto.Credentials;
import org.web3j.crypto.ECKeyPair;
import org.web3j.protocol.core.methods.response.Log;
import org.web3j.protocol.core.methods.response.TransactionReceipt;

/**
 * The {@link Ledger} on an EVM chain (anvil, Besu): RecordRegistry and IdentityRegistry, written by the relayer key.
 * Writes check the chain first and return the existing effect instead of sending twice. Thread-safe.
 */
public final class EvmLedger implements Ledger, AutoCloseable {
    private static final String ANCHORED_TOPIC = EventEncoder.encode(RecordRegistry.BATCHANCHORED_EVENT);
    private static final String REGISTERED_TOPIC = EventEncoder.encode(IdentityRegistry.ACCOUNTREGISTERED_EVENT);
    /** Gas stated for a registration batch (a new account costs about 27,000); unused gas is not paid. */
    private static final long GAS_PER_REGISTRATION = 40_000;
    private static final long GAS_BASE = 100_000;
    private static final String REFUSED_TOPIC = EventEncoder.encode(IdentityRegistry.REGISTRATIONREFUSED_EVENT);

    private final Rpc rpc;
    private final long chainId;
    private final ContractAddresses contracts;
    private final TxSender sender;
    private final ChainReads reader;

    private EvmLedger(Rpc rpc, long chainId, ContractAddresses contracts, TxSender sender) {
        this.rpc = rpc;
        this.chainId = chainId;
        this.contracts = contracts;
        this.sender = sender;
        this.reader = sender.reads();
    }

    /** Connects to the chain and checks that it has the configured chain id. */
    public static EvmLedger connect(EvmLedgerConfig config) {
        Rpc rpc = Rpc.connect(config.rpcUrl(), Duration.ofSeconds(30));
        try {
            long actual = rpc.call("eth_chainId", () -> rpc.web3j().ethChainId().send().getChainId()).longValueExact();
            if (actual != config.chainId()) {
                throw new SalusException("the chain at " + config.rpcUrl() + " has id " + actual + ", configured "
                        + config.chainId());
            }
            Credentials credentials = Credentials.create(ECKeyPair.create(config.relayerKey()));
            TxSender own = new TxSender(rpc, credentials, config.chainId(), config.journal(), config.txTimeout());
            TxSender sender = config.sharedNonces().map(own::sharedBy).orElse(own);
            return new EvmLedger(rpc, config.chainId(), config.contracts(), sender);
        } catch (RuntimeException e) {
            rpc.close();
            throw e;
        }
    }

    /**
     * The connection, relayer sender and contract addresses, for the adapters that share them (for example
     * {@code io.salus.chain.consent.EvmConsentLedger.on(ledger)}). Valid until this ledger is closed.
     */
    public ChainAccess access() {
        return new ChainAccess(rpc, sender, chainId, contracts);
    }

    /** The relayer's address. */
    public EvmAddress relayer() {
        return new EvmAddress(sender.from());
    }

    @Override
    public long chainId() {
        return chainId;
    }

    @Override
    public long headBlock() {
        return reader.headBlock();
    }

    @Override
    public AnchorTx anchor(Hash32 batchKey, Hash32 root, int leafCount) {
        if (leafCount <= 0 || root.equals(Hash32.ZERO)) {
            throw new IllegalArgumentException("an anchored batch has a root and at least one leaf");
        }
        Optional<AnchorTx> existing = findAnchor(batchKey);
        if (existing.isEmpty()) {
            String data = Abi.encode(RecordRegistry.FUNC_ANCHOR, new Bytes32(batchKey.bytes()),
                    new Bytes32(root.bytes()), new Uint32(leafCount));
            TransactionReceipt receipt = sender.send(contracts.recordRegistry().hex(), data);
            existing = receipt.getLogs().stream().filter(l -> isEvent(l.getTopics(), ANCHORED_TOPIC, batchKey.hex()))
                    .findFirst().map(l -> new AnchorTx(batchKey, root, leafCount, receipt.getTransactionHash(),
                            receipt.getBlockNumber().longValueExact(), receipt.getGasUsed().longValueExact()))
                    .or(() -> findAnchor(batchKey));
        }
        AnchorTx anchored = existing.orElseThrow(() -> new SalusException("anchor of " + batchKey + " not found"));
        if (!anchored.root().equals(root)) {
            throw new SalusException("batch key " + batchKey + " is already anchored with another root");
        }
        return anchored;
    }

    @Override
    public Optional<AnchorTx> findAnchor(Hash32 batchKey) {
        List<Object> a = reader.call(contracts.recordRegistry(),
                Abi.encode(RecordRegistry.FUNC_ANCHOROF, new Bytes32(batchKey.bytes())),
                new TypeReference<Bytes32>() {
                }, new TypeReference<Uint64>() {
                }, new TypeReference<Uint32>() {
                }, new TypeReference<Address>() {
                });
        Hash32 root = Hash32.of((byte[]) a.get(0));
        if (root.equals(Hash32.ZERO)) {
            return Optional.empty();
        }
        long block = ((BigInteger) a.get(1)).longValueExact();
        TxRef tx = reader.eventTx(contracts.recordRegistry(), ANCHORED_TOPIC, batchKey.hex(), block, block);
        return Optional.of(new AnchorTx(batchKey, root, ((BigInteger) a.get(2)).intValueExact(), tx.txHash(),
                tx.blockNumber(), tx.gasUsed()));
    }

    @Override
    public boolean verifyInclusion(Hash32 batchKey, Hash32 leaf, List<Hash32> proof) {
        DynamicArray<Bytes32> p = new DynamicArray<>(Bytes32.class,
                proof.stream().map(h -> new Bytes32(h.bytes())).toList());
        List<Object> r = reader.call(contracts.recordRegistry(),
                Abi.encode(RecordRegistry.FUNC_VERIFY, new Bytes32(batchKey.bytes()), new Bytes32(leaf.bytes()), p),
                new TypeReference<Bool>() {
                });
        return (Boolean) r.get(0);
    }

    @Override
    public TxRef registerAccount(EvmAddress address, AccountKind kind) {
        Optional<AccountKind> registered = registeredKind(address);
        if (registered.isPresent() && registered.get() != kind) {
            throw new SalusException(address + " is already registered as " + registered.get());
        }
        if (registered.isEmpty()) {
            String data = Abi.encode(IdentityRegistry.FUNC_REGISTER, new Address(address.hex()),
                    new Uint8(kind.chainCode()));
            TransactionReceipt receipt = sender.send(contracts.identityRegistry().hex(), data);
            String topic = ChainReads.addressTopic(address);
            if (receipt.getLogs().stream().anyMatch(l -> isEvent(l.getTopics(), REGISTERED_TOPIC, topic))) {
                return TxSender.ref(receipt);
            }
        }
        return reader.eventTx(contracts.identityRegistry(), REGISTERED_TOPIC, ChainReads.addressTopic(address), 0,
                reader.headBlock());
    }

    @Override
    public Optional<AccountKind> registeredKind(EvmAddress address) {
        List<Object> r = reader.call(contracts.identityRegistry(),
                Abi.encode(IdentityRegistry.FUNC_KINDOF, new Address(address.hex())), new TypeReference<Uint8>() {
                });
        return AccountKind.fromChainCode(((BigInteger) r.get(0)).intValueExact());
    }

    /**
     * One {@code IdentityRegistry.registerBatch} transaction for all the accounts; the receipt's events say which were
     * registered by it ({@code AccountRegistered}) and which refused ({@code RegistrationRefused}); the others were
     * registered before with that kind, and their outcome is the transaction that did it.
     */
    @Override
    public List<Result<TxRef>> registerAccounts(List<Registration> accounts) {
        if (accounts.isEmpty()) {
            return List.of();
        }
        String data = Abi.encode(IdentityRegistry.FUNC_REGISTERBATCH,
                new DynamicArray<>(Address.class, accounts.stream().map(a -> new Address(a.address().hex())).toList()),
                new DynamicArray<>(Uint8.class, accounts.stream().map(a -> new Uint8(a.kind().chainCode())).toList()));
        TransactionReceipt receipt = sender.send(contracts.identityRegistry().hex(), data,
                BigInteger.valueOf(GAS_BASE + GAS_PER_REGISTRATION * accounts.size()));
        TxRef tx = TxSender.ref(receipt);
        Set<String> registered = new HashSet<>();
        Set<String> refused = new HashSet<>();
        for (Log l : receipt.getLogs()) {
            List<String> t = l.getTopics();
            if (t.size() < 2 || !l.getAddress().equalsIgnoreCase(contracts.identityRegistry().hex())) {
                continue;
            }
            String event = t.get(0).toLowerCase(Locale.ROOT);
            if (event.equals(REGISTERED_TOPIC)) {
                registered.add(t.get(1).toLowerCase(Locale.ROOT));
            } else if (event.equals(REFUSED_TOPIC)) {
                refused.add(t.get(1).toLowerCase(Locale.ROOT));
            }
        }
        List<EvmAddress> earlier = accounts.stream().map(Registration::address).filter(a -> {
            String topic = ChainReads.addressTopic(a).toLowerCase(Locale.ROOT);
            return !registered.contains(topic) && !refused.contains(topic);
        }).distinct().toList();
        Map<String, TxRef> before = reader.eventTxs(contracts.identityRegistry(), REGISTERED_TOPIC,
                earlier.stream().map(ChainReads::addressTopic).toList(), 0, tx.blockNumber());
        return accounts.stream().<Result<TxRef>>map(a -> {
            String topic = ChainReads.addressTopic(a.address()).toLowerCase(Locale.ROOT);
            if (refused.contains(topic)) {
                return Result.fail(ErrorCode.REGISTRATION_REFUSED, a.address() + " is registered with another kind "
                        + "or cannot be registered as " + a.kind());
            }
            if (registered.contains(topic)) {
                return Result.ok(tx);
            }
            TxRef first = before.get(topic);
            return first != null
                    ? Result.ok(first)
                    : Result.fail(ErrorCode.REGISTRATION_REFUSED, "no registration of " + a.address() + " found");
        }).toList();
    }

    private static boolean isEvent(List<String> topics, String topic0, String topic1) {
        return topics.size() >= 2 && topics.get(0).equalsIgnoreCase(topic0) && topics.get(1).equalsIgnoreCase(topic1);
    }

    /** Releases the HTTP client and executor. */
    @Override
    public void close() {
        rpc.close();
    }
}
