package io.salus.core.monitoring;

import io.salus.core.account.EvmAddress;
import java.util.Objects;

/** Someone an alert goes to, and why: the patient, a delegate with RECEIVE_ALERTS, or a provider the patient chose. */
public record Recipient(EvmAddress address, Role role) {

    public enum Role {
        PATIENT,
        DELEGATE,
        PROVIDER
    }

    public Recipient {
        Objects.requireNonNull(address, "address");
        Objects.requireNonNull(role, "role");
    }
}
