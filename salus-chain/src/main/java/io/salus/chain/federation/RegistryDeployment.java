package io.salus.chain.federation;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.salus.chain.ContractAddresses;
import io.salus.chain.ContractDeployment;
import io.salus.chain.EvmLedger;
import io.salus.chain.LocalChain;
import io.salus.chain.internal.Abi;
import io.salus.chain.internal.TxSender;
import io.salus.contracts.generated.AccessLog;
import io.salus.contracts.generated.ConsentRegistry;
import io.salus.contracts.generated.IdentityRegistry;
import io.salus.contracts.generated.NodeRegistry;
import io.salus.contracts.generated.RecordRegistry;
import io.salus.core.account.EvmAddress;
import io.salus.core.error.SalusException;
import io.salus.platform.AtomicFiles;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.web3j.abi.datatypes.Address;
import org.web3j.abi.datatypes.Bool;
import org.web3j.abi.datatypes.DynamicArray;
import org.web3j.abi.datatypes.Utf8String;
import org.web3j.abi.datatypes.generated.Bytes32;

/**
 * Deploys the NodeRegistry of an alliance: administered by the DealTimelock, listing the other contracts by name and
 * admitting the deploying node (its relayer, organisation and signing key) as the founding member. On a local chain
 * its address is kept in {@code <chainDir>/node-registry.json}. Also gives a newly admitted node's relayer the writer
 * roles the older contracts keep themselves (registrar, anchorer, access logger, consent relayer), which their owner,
 * the founder's relayer, grants. Stateless and thread-safe.
 */
public final class RegistryDeployment {
    private static final ObjectMapper JSON = new ObjectMapper();

    private RegistryDeployment() {
    }

    /** The registry's key for a contract name: its ASCII bytes, right-padded to 32. */
    public static byte[] name(String name) {
        return Arrays.copyOf(name.getBytes(StandardCharsets.US_ASCII), 32);
    }

    /** The registry of the local chain: deployed on the first start, read from node-registry.json afterwards. */
    public static EvmAddress ensureDeployed(LocalChain chain, EvmLedger ledger, String organisation,
            byte[] signingKey) {
        Path file = chain.config().chainDir().resolve("node-registry.json");
        try {
            if (Files.exists(file)) {
                EvmAddress known = new EvmAddress(JSON.readTree(file.toFile()).path("nodeRegistry").asText());
                ContractDeployment.requireDeployed(chain.rpcUrl(), new ContractAddresses(known,
                        ledger.access().contracts().recordRegistry()));
                return known;
            }
            EvmAddress deployed = deploy(ledger, organisation, signingKey);
            AtomicFiles.write(file, JSON.writerWithDefaultPrettyPrinter().writeValueAsBytes(
                    JSON.createObjectNode().put("nodeRegistry", deployed.hex())));
            chain.snapshotNow();
            return deployed;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read or write " + file, e);
        }
    }

    /** Deploys a registry through the ledger's relayer, which becomes the founding member. */
    public static EvmAddress deploy(EvmLedger ledger, String organisation, byte[] signingKey) {
        ContractAddresses c = ledger.access().contracts();
        EvmAddress timelock = c.deals().orElseThrow(() -> new SalusException("the deal contracts (and their "
                + "timelock, the registry's admin) are not deployed")).timelock();
        Map<String, EvmAddress> named = new LinkedHashMap<>();
        named.put("IdentityRegistry", c.identityRegistry());
        named.put("RecordRegistry", c.recordRegistry());
        c.consent().ifPresent(x -> {
            named.put("IssuerRegistry", x.issuerRegistry());
            named.put("ConsentRegistry", x.consentRegistry());
            named.put("AccessLog", x.accessLog());
        });
        c.deals().ifPresent(x -> {
            named.put("PaymentToken", x.paymentToken());
            named.put("DataDeals", x.dataDeals());
            named.put("DealPolicy", x.dealPolicy());
            named.put("DealTimelock", x.timelock());
        });
        List<Bytes32> names = new ArrayList<>();
        List<Address> addresses = new ArrayList<>();
        named.forEach((k, v) -> {
            names.add(new Bytes32(name(k)));
            addresses.add(new Address(v.hex()));
        });
        TxSender sender = ledger.access().sender();
        synchronized (sender) {
            return new EvmAddress(sender.send(null, "0x" + NodeRegistry.BINARY + Abi.encodeConstructor(
                    new Address(timelock.hex()), new Address(sender.from()), new Utf8String(organisation),
                    new Bytes32(signingKey), new DynamicArray<>(Bytes32.class, names),
                    new DynamicArray<>(Address.class, addresses))).getContractAddress());
        }
    }

    /**
     * Lets an admitted node's relayer write to the older contracts (register accounts, anchor batches, log accesses,
     * relay consent), sent by their owner: {@code founder} is the founding node's ledger. Idempotent.
     */
    public static void authoriseWriter(EvmLedger founder, EvmAddress relayer, boolean enabled) {
        ContractAddresses c = founder.access().contracts();
        TxSender sender = founder.access().sender();
        Address r = new Address(relayer.hex());
        Bool on = new Bool(enabled);
        synchronized (sender) {
            sender.send(c.identityRegistry().hex(), Abi.encode(IdentityRegistry.FUNC_SETREGISTRAR, r, on));
            sender.send(c.recordRegistry().hex(), Abi.encode(RecordRegistry.FUNC_SETANCHORER, r, on));
            c.consent().ifPresent(x -> {
                sender.send(x.accessLog().hex(), Abi.encode(AccessLog.FUNC_SETLOGGER, r, on));
                sender.send(x.consentRegistry().hex(), Abi.encode(ConsentRegistry.FUNC_SETRELAYER, r, on));
            });
        }
    }
}
