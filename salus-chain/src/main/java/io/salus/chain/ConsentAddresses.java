package io.salus.chain;

import io.salus.core.account.EvmAddress;
import java.util.List;
import java.util.Objects;

/** Where the consent contracts live on a chain: IssuerRegistry, ConsentRegistry and AccessLog. */
public record ConsentAddresses(EvmAddress issuerRegistry, EvmAddress consentRegistry, EvmAddress accessLog) {
    public ConsentAddresses {
        Objects.requireNonNull(issuerRegistry, "issuerRegistry");
        Objects.requireNonNull(consentRegistry, "consentRegistry");
        Objects.requireNonNull(accessLog, "accessLog");
    }

    public List<EvmAddress> all() {
        return List.of(issuerRegistry, consentRegistry, accessLog);
    }
}
