package io.salus.chain.trial;

import io.salus.chain.EvmLedger;
import io.salus.chain.internal.Abi;
import io.salus.chain.internal.AddressFile;
import io.salus.contracts.generated.TrialEscrow;
import io.salus.core.account.EvmAddress;
import java.nio.file.Path;
import org.web3j.abi.datatypes.Address;

/**
 * Where TrialEscrow lives: deployed once by the ledger's relayer (the escrow's enroller: the only account that may
 * enrol a patient) on the payment token, its address kept in a small JSON file ({@code chainId}, {@code token},
 * {@code trialEscrow}) apart from {@code contracts.json}, so that configurations predating it gain it on their next
 * start ({@link AddressFile}). Stateless and thread-safe.
 */
public final class TrialDeployment {
    private TrialDeployment() {
    }

    public static EvmAddress ensureDeployed(EvmLedger ledger, EvmAddress token, Path addressFile) {
        return AddressFile.ensureDeployed(ledger, token, addressFile, "TrialEscrow", "trialEscrow",
                enroller -> "0x" + TrialEscrow.BINARY + Abi.encodeConstructor(new Address(token.hex()),
                        new Address(enroller)));
    }
}
