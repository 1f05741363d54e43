package io.salus.chain.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.salus.chain.EvmLedger;
import io.salus.core.account.EvmAddress;
import io.salus.core.error.SalusException;
import io.salus.platform.AtomicFiles;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.function.Function;
import org.web3j.protocol.core.DefaultBlockParameterName;

/**
 * A contract the relayer deploys once on the payment token, its address kept in a small JSON file ({@code chainId},
 * {@code token}, and the address under the contract's key) apart from {@code contracts.json}, so that configurations
 * predating it gain it on their next start; later starts read the file and check the code is there. Stateless and
 * thread-safe.
 */
public final class AddressFile {
    private static final ObjectMapper JSON = new ObjectMapper();

    private AddressFile() {
    }

    /**
     * The contract's address from {@code file}, or deployed now with {@code deployData} (given the relayer's address:
     * {@code 0x} + bytecode + constructor arguments) and written there.
     */
    public static EvmAddress ensureDeployed(EvmLedger ledger, EvmAddress token, Path file, String contract,
            String key, Function<String, String> deployData) {
        ChainAccess access = ledger.access();
        if (Files.exists(file)) {
            EvmAddress known = read(file, access.chainId(), token, contract, key);
            requireCode(access.rpc(), known, contract);
            return known;
        }
        EvmAddress deployed = new EvmAddress(access.sender().send(null, deployData.apply(access.sender().from()))
                .getContractAddress());
        write(file, access.chainId(), token, key, deployed);
        return deployed;
    }

    private static void requireCode(Rpc rpc, EvmAddress a, String contract) {
        String code = rpc.call("eth_getCode",
                () -> rpc.web3j().ethGetCode(a.hex(), DefaultBlockParameterName.LATEST).send().getCode());
        if (code == null || code.equals("0x") || code.isEmpty()) {
            throw new SalusException("no " + contract + " code at " + a + ": the address file does not belong to "
                    + "this chain (or its state was lost)");
        }
    }

    private static EvmAddress read(Path file, long chainId, EvmAddress token, String contract, String key) {
        try {
            JsonNode n = JSON.readTree(file.toFile());
            if (n.path("chainId").asLong() != chainId) {
                throw new SalusException(file + " is for chain " + n.path("chainId").asLong() + ", not " + chainId);
            }
            if (!token.hex().equals(n.path("token").asText())) {
                throw new SalusException(file + " holds a " + contract + " on another payment token than " + token);
            }
            return new EvmAddress(n.path(key).asText());
        } catch (IOException | IllegalArgumentException e) {
            throw new SalusException("cannot read the " + contract + " address in " + file, e);
        }
    }

    private static void write(Path file, long chainId, EvmAddress token, String key, EvmAddress a) {
        try {
            AtomicFiles.write(file, JSON.writerWithDefaultPrettyPrinter().writeValueAsBytes(JSON.createObjectNode()
                    .put("chainId", chainId).put("token", token.hex()).put(key, a.hex())));
        } catch (IOException e) {
            throw new SalusException("cannot write " + file, e);
        }
    }
}
