package io.salus.core.device;

import io.salus.core.account.AccountId;
import java.util.List;
import java.util.Objects;

/**
 * A request to register a device, as it arrives (before validation): the patient it reports for, the account
 * registering it (the patient, or a provider for them: authorising that is the caller's business), the public key
 * as hex, the kind's name and the LOINC codes it measures.
 */
public record NewDevice(AccountId patient, AccountId registeredBy, String publicKeyHex, String kind,
        List<String> loincCodes) {
    public NewDevice {
        Objects.requireNonNull(patient, "patient");
        Objects.requireNonNull(registeredBy, "registeredBy");
        loincCodes = loincCodes == null ? List.of() : List.copyOf(loincCodes);
    }
}
