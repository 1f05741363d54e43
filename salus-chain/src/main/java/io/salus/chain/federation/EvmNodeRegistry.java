package io.salus.chain.federation;

import io.salus.chain.ConsentAddresses;
import io.salus.chain.ContractAddresses;
import io.salus.chain.DealAddresses;
import io.salus.chain.EvmLedger;
import io.salus.chain.deals.EvmDealAdmin;
import io.salus.chain.internal.Abi;
import io.salus.chain.internal.ChainReads;
import io.salus.chain.internal.Rpc;
import io.salus.chain.internal.TxSender;
import io.salus.contracts.generated.IdentityRegistry;
import io.salus.contracts.generated.NodeRegistry;
import io.salus.core.account.EvmAddress;
import io.salus.core.error.SalusException;
import io.salus.core.federation.Member;
import io.salus.core.federation.MemberDirectory;
import io.salus.core.merkle.Hash32;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import org.web3j.abi.TypeReference;
import org.web3j.abi.datatypes.Address;
import org.web3j.abi.datatypes.Bool;
import org.web3j.abi.datatypes.DynamicArray;
import org.web3j.abi.datatypes.Utf8String;
import org.web3j.abi.datatypes.generated.Bytes32;

/**
 * The {@link MemberDirectory} on the NodeRegistry contract (read at the chain's head on every call, so an admission
 * or a removal counts from the next request), the home of an account from IdentityRegistry's {@code registrarOf},
 * this node's own endpoint announcement, and the administrative changes (admit, remove) as calls for the timelock.
 * Reads fail closed ({@code UnavailableException}). Thread-safe.
 */
public final class EvmNodeRegistry implements MemberDirectory {
    private static final byte[] NO_KEY = new byte[32];
    private final ChainReads reads;
    private final TxSender relayer;
    private final EvmAddress registry;
    private final EvmAddress identity;

    private EvmNodeRegistry(ChainReads reads, TxSender relayer, EvmAddress registry, EvmAddress identity) {
        this.reads = reads;
        this.relayer = relayer;
        this.registry = registry;
        this.identity = identity;
    }

    /** The registry at {@code registry}, read and written (endpoint) through the ledger's relayer. */
    public static EvmNodeRegistry on(EvmLedger ledger, EvmAddress registry) {
        TxSender sender = ledger.access().sender();
        return new EvmNodeRegistry(sender.reads(), sender, registry, ledger.access().contracts().identityRegistry());
    }

    public EvmAddress address() {
        return registry;
    }

    @Override
    public Optional<Member> member(EvmAddress node) {
        List<Object> r = reads.call(registry, Abi.encode(NodeRegistry.FUNC_MEMBEROF, new Address(node.hex())),
                new TypeReference<Utf8String>() {
                }, new TypeReference<Utf8String>() {
                }, new TypeReference<Bytes32>() {
                }, new TypeReference<Bool>() {
                });
        byte[] key = (byte[]) r.get(2);
        if (Arrays.equals(key, NO_KEY)) {
            return Optional.empty();
        }
        return Optional.of(new Member(node, (String) r.get(0), (String) r.get(1), key, (Boolean) r.get(3)));
    }

    @Override
    public List<Member> members() {
        List<Member> all = new ArrayList<>();
        for (EvmAddress node : nodes()) {
            member(node).ifPresent(all::add);
        }
        return all;
    }

    @Override
    public Optional<EvmAddress> homeOf(EvmAddress account) {
        String registrar = (String) reads.call(identity, Abi.encode(IdentityRegistry.FUNC_REGISTRAROF,
                new Address(account.hex())), new TypeReference<Address>() {
                }).get(0);
        EvmAddress a = new EvmAddress(registrar);
        return a.hex().equals("0x" + "0".repeat(40)) ? Optional.empty() : Optional.of(a);
    }

    /** States this node's endpoint on chain, unless it is stated already (this node must be an active member). */
    public void announceEndpoint(String endpoint) {
        EvmAddress self = new EvmAddress(relayer.from());
        Optional<Member> me = member(self);
        if (me.isEmpty() || !me.get().active()) {
            throw new SalusException("node " + self + " is not an active member of the NodeRegistry at " + registry);
        }
        if (!me.get().endpoint().equals(endpoint)) {
            synchronized (relayer) {
                relayer.send(registry.hex(), Abi.encode(NodeRegistry.FUNC_SETENDPOINT, new Utf8String(endpoint)));
            }
        }
    }

    @SuppressWarnings("unchecked")
    private List<EvmAddress> nodes() {
        List<Address> nodes = (List<Address>) reads.call(registry, Abi.encode(NodeRegistry.FUNC_NODES),
                new TypeReference<DynamicArray<Address>>() {
                }).get(0);
        return nodes.stream().map(a -> new EvmAddress(a.getValue())).toList();
    }

    /** The admission of a node, for the timelock to schedule and execute. */
    public static EvmDealAdmin.Change admit(EvmAddress registry, Member m, Hash32 salt) {
        return new EvmDealAdmin.Change(registry, Abi.encode(NodeRegistry.FUNC_ADMIT, new Address(m.node().hex()),
                new Utf8String(m.organisation()), new Utf8String(m.endpoint()), new Bytes32(m.signingKey())), salt);
    }

    /** The removal of a node, for the timelock to schedule and execute. */
    public static EvmDealAdmin.Change remove(EvmAddress registry, EvmAddress node, Hash32 salt) {
        return new EvmDealAdmin.Change(registry, Abi.encode(NodeRegistry.FUNC_REMOVE, new Address(node.hex())),
                salt);
    }

    /**
     * The addresses of the alliance's contracts as the registry lists them: all a joining node needs besides the RPC
     * URL and the registry's address.
     */
    public static ContractAddresses contracts(String rpcUrl, EvmAddress registry) {
        try (Rpc rpc = Rpc.connect(rpcUrl, Duration.ofSeconds(30))) {
            ChainReads r = new ChainReads(rpc, "0x" + "0".repeat(40));
            Function<String, EvmAddress> of = name -> new EvmAddress((String) r.call(registry,
                    Abi.encode(NodeRegistry.FUNC_CONTRACTOF, new Bytes32(RegistryDeployment.name(name))),
                    new TypeReference<Address>() {
                    }).get(0));
            return new ContractAddresses(of.apply("IdentityRegistry"), of.apply("RecordRegistry"))
                    .withConsent(new ConsentAddresses(of.apply("IssuerRegistry"), of.apply("ConsentRegistry"),
                            of.apply("AccessLog")))
                    .withDeals(new DealAddresses(of.apply("PaymentToken"), of.apply("DataDeals"),
                            of.apply("DealPolicy"), of.apply("DealTimelock")));
        }
    }
}
