package io.salus.compute.cohort;

import io.salus.core.account.EvmAddress;
import io.salus.core.port.ConsentIndex;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Patient ordinals shared by the consent and cohort indexes, with the way back from ordinal to address (for matching
 * deals). Thread-safe.
 */
public final class PatientDirectory {
    private final ConsentIndex consent;
    private final ConcurrentHashMap<Integer, EvmAddress> byOrdinal = new ConcurrentHashMap<>();

    public PatientDirectory(ConsentIndex consent) {
        this.consent = consent;
    }

    public int ordinal(EvmAddress patient) {
        int o = consent.ordinal(patient);
        byOrdinal.putIfAbsent(o, patient);
        return o;
    }

    public Optional<EvmAddress> address(int ordinal) {
        return Optional.ofNullable(byOrdinal.get(ordinal));
    }
}
