package io.salus.chain.study;

import io.salus.chain.EvmLedger;
import io.salus.chain.internal.Abi;
import io.salus.chain.internal.AddressFile;
import io.salus.contracts.generated.StudyPayouts;
import io.salus.core.account.EvmAddress;
import java.nio.file.Path;
import org.web3j.abi.datatypes.Address;

/**
 * Where StudyPayouts lives: deployed once by the ledger's relayer (the escrow's settler: the only account that may
 * declare and pay a study's parts) on the payment token and the node's DataDeals, its address kept in a small JSON file
 * ({@code chainId}, {@code token}, {@code studyPayouts}, {@link AddressFile}). Stateless and thread-safe.
 */
public final class StudyPayoutsDeployment {
    private StudyPayoutsDeployment() {
    }

    public static EvmAddress ensureDeployed(EvmLedger ledger, EvmAddress token, EvmAddress dataDeals,
            Path addressFile) {
        return AddressFile.ensureDeployed(ledger, token, addressFile, "StudyPayouts", "studyPayouts",
                settler -> "0x" + StudyPayouts.BINARY + Abi.encodeConstructor(new Address(token.hex()),
                        new Address(dataDeals.hex()), new Address(settler)));
    }
}
