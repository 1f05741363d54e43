package io.salus.core.incentives;

import io.salus.core.account.AccountId;
import java.util.Objects;
import java.util.Optional;

/**
 * One depositor's data in a period: records held at the period's end (device readings are records too), the quality of
 * their device streams if they have any, and utilisation units: how many of their records were delivered in settled
 * deals or used by completed compute jobs during the period.
 */
public record DepositorPeriod(AccountId depositor, long recordsHeld, Optional<StreamQuality> stream,
        long utilisationUnits) {
    public DepositorPeriod {
        Objects.requireNonNull(depositor, "depositor");
        Objects.requireNonNull(stream, "stream");
    }
}
