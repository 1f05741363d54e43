package io.salus.chain.claims;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.salus.chain.EvmLedger;
import io.salus.chain.internal.Abi;
import io.salus.chain.internal.ChainAccess;
import io.salus.chain.internal.TxSender;
import io.salus.contracts.generated.ClaimsPayout;
import io.salus.core.account.EvmAddress;
import io.salus.core.error.SalusException;
import io.salus.platform.AtomicFiles;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.web3j.abi.datatypes.Address;

/**
 * Where the claims payout contract lives: ClaimsPayout, deployed once by the ledger's relayer (its admin and its
 * adjudicator) over the payment token and IdentityRegistry, its address kept in a small JSON file beside the node's
 * data. Stateless and thread-safe.
 */
public final class ClaimsDeployment {
    private static final ObjectMapper JSON = new ObjectMapper();

    private ClaimsDeployment() {
    }

    public static EvmAddress ensureDeployed(EvmLedger ledger, EvmAddress token, Path addressFile) {
        ChainAccess access = ledger.access();
        if (Files.exists(addressFile)) {
            JsonNode n = read(addressFile);
            EvmAddress known = new EvmAddress(n.path("claimsPayout").asText());
            if (n.path("chainId").asLong() == access.chainId() && access.hasCode(known)) {
                return known;
            }
        }
        EvmAddress deployed = deploy(access.sender(), token, access.contracts().identityRegistry());
        write(addressFile, access.chainId(), deployed);
        return deployed;
    }

    /** Deploys ClaimsPayout with the sender as its admin and adjudicator. */
    public static EvmAddress deploy(TxSender sender, EvmAddress token, EvmAddress identity) {
        String binary = ClaimsPayout.BINARY + Abi.encodeConstructor(new Address(token.hex()),
                new Address(identity.hex()), new Address(sender.from()));
        return new EvmAddress(sender.send(null, "0x" + binary).getContractAddress());
    }

    private static JsonNode read(Path file) {
        try {
            return JSON.readTree(file.toFile());
        } catch (IOException e) {
            throw new SalusException("cannot read the claims contract address in " + file, e);
        }
    }

    private static void write(Path file, long chainId, EvmAddress a) {
        try {
            Files.createDirectories(file.toAbsolutePath().getParent());
            AtomicFiles.write(file, JSON.writerWithDefaultPrettyPrinter().writeValueAsBytes(JSON.createObjectNode()
                    .put("chainId", chainId).put("claimsPayout", a.hex())));
        } catch (IOException e) {
            throw new SalusException("cannot write " + file, e);
        }
    }
}
