package io.salus.chain.recovery;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.salus.chain.EvmLedger;
import io.salus.chain.internal.ChainAccess;
import io.salus.chain.internal.Rpc;
import io.salus.contracts.generated.GuardianRecovery;
import io.salus.core.account.EvmAddress;
import io.salus.core.error.SalusException;
import io.salus.platform.AtomicFiles;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.web3j.protocol.core.DefaultBlockParameterName;

/**
 * Where GuardianRecovery lives: deployed once with the ledger's relayer (which becomes its owner, the only account that
 * may open recoveries and mark them executed) and its address kept in a small JSON file ({@code chainId},
 * {@code guardianRecovery}); later starts read the file and check the code is there. Kept apart from
 * {@code contracts.json} so that configurations predating it gain it on their next start. Stateless and thread-safe.
 */
public final class RecoveryDeployment {
    private static final ObjectMapper JSON = new ObjectMapper();

    private RecoveryDeployment() {
    }

    public static EvmAddress ensureDeployed(EvmLedger ledger, Path addressFile) {
        ChainAccess access = ledger.access();
        if (Files.exists(addressFile)) {
            EvmAddress known = read(addressFile, access.chainId());
            requireCode(access.rpc(), known);
            return known;
        }
        EvmAddress deployed = new EvmAddress(access.sender().send(null, "0x" + GuardianRecovery.BINARY)
                .getContractAddress());
        write(addressFile, access.chainId(), deployed);
        return deployed;
    }

    private static void requireCode(Rpc rpc, EvmAddress a) {
        String code = rpc.call("eth_getCode",
                () -> rpc.web3j().ethGetCode(a.hex(), DefaultBlockParameterName.LATEST).send().getCode());
        if (code == null || code.equals("0x") || code.isEmpty()) {
            throw new SalusException("no GuardianRecovery code at " + a + ": the address file does not belong to "
                    + "this chain (or its state was lost)");
        }
    }

    private static EvmAddress read(Path file, long chainId) {
        try {
            JsonNode n = JSON.readTree(file.toFile());
            if (n.path("chainId").asLong() != chainId) {
                throw new SalusException(file + " is for chain " + n.path("chainId").asLong() + ", not " + chainId);
            }
            return new EvmAddress(n.path("guardianRecovery").asText());
        } catch (IOException | IllegalArgumentException e) {
            throw new SalusException("cannot read the GuardianRecovery address in " + file, e);
        }
    }

    private static void write(Path file, long chainId, EvmAddress a) {
        try {
            AtomicFiles.write(file, JSON.writerWithDefaultPrettyPrinter().writeValueAsBytes(
                    JSON.createObjectNode().put("chainId", chainId).put("guardianRecovery", a.hex())));
        } catch (IOException e) {
            throw new SalusException("cannot write " + file, e);
        }
    }
}
