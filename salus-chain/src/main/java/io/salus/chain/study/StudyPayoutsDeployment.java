package io.salus.chain.study;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.salus.chain.EvmLedger;
import io.salus.chain.internal.Abi;
import io.salus.chain.internal.ChainAccess;
import io.salus.chain.internal.Rpc;
import io.salus.contracts.generated.StudyPayouts;
import io.salus.core.account.EvmAddress;
import io.salus.core.error.SalusException;
import io.salus.platform.AtomicFiles;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.web3j.abi.datatypes.Address;
import org.web3j.protocol.core.DefaultBlockParameterName;

/**
 * Where StudyPayouts lives: deployed once by the ledger's relayer (the escrow's settler: the only account that may
 * declare and pay a study's parts) on the payment token and the node's DataDeals, its address kept in a small JSON file ({@code chainId}, {@code token},
 * {@code studyPayouts}) apart from {@code contracts.json}, so that configurations predating it gain it on their next
 * start. Later starts read the file and check the code is there. Stateless and thread-safe.
 */
public final class StudyPayoutsDeployment {
    private static final ObjectMapper JSON = new ObjectMapper();

    private StudyPayoutsDeployment() {
    }

    public static EvmAddress ensureDeployed(EvmLedger ledger, EvmAddress token, EvmAddress dataDeals,
            Path addressFile) {
        ChainAccess access = ledger.access();
        if (Files.exists(addressFile)) {
            EvmAddress known = read(addressFile, access.chainId(), token);
            requireCode(access.rpc(), known);
            return known;
        }
        String constructor = Abi.encodeConstructor(new Address(token.hex()), new Address(dataDeals.hex()),
                new Address(access.sender().from()));
        EvmAddress deployed = new EvmAddress(access.sender().send(null, "0x" + StudyPayouts.BINARY + constructor)
                .getContractAddress());
        write(addressFile, access.chainId(), token, deployed);
        return deployed;
    }

    private static void requireCode(Rpc rpc, EvmAddress a) {
        String code = rpc.call("eth_getCode",
                () -> rpc.web3j().ethGetCode(a.hex(), DefaultBlockParameterName.LATEST).send().getCode());
        if (code == null || code.equals("0x") || code.isEmpty()) {
            throw new SalusException("no StudyPayouts code at " + a + ": the address file does not belong to this "
                    + "chain (or its state was lost)");
        }
    }

    private static EvmAddress read(Path file, long chainId, EvmAddress token) {
        try {
            JsonNode n = JSON.readTree(file.toFile());
            if (n.path("chainId").asLong() != chainId) {
                throw new SalusException(file + " is for chain " + n.path("chainId").asLong() + ", not " + chainId);
            }
            if (!token.hex().equals(n.path("token").asText())) {
                throw new SalusException(file + " holds a StudyPayouts on another payment token than " + token);
            }
            return new EvmAddress(n.path("studyPayouts").asText());
        } catch (IOException | IllegalArgumentException e) {
            throw new SalusException("cannot read the StudyPayouts address in " + file, e);
        }
    }

    private static void write(Path file, long chainId, EvmAddress token, EvmAddress a) {
        try {
            AtomicFiles.write(file, JSON.writerWithDefaultPrettyPrinter().writeValueAsBytes(JSON.createObjectNode()
                    .put("chainId", chainId).put("token", token.hex()).put("studyPayouts", a.hex())));
        } catch (IOException e) {
            throw new SalusException("cannot write " + file, e);
        }
    }
}
