package io.salus.core.consent;

import io.salus.core.account.EvmAddress;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * What a patient consents to: data categories (a mask of {@code Category} bits) × attestation types (consumer types or
 * licences, a mask of {@link AttestationType} bits) × purposes (a mask of {@link Purpose} bits) × the window
 * {@code [validFrom, validUntil)} × a minimum price per patient (in the payment token's smallest unit), optionally for
 * one named consumer only. Times are whole seconds (the chain's resolution).
 */
public record GrantTerms(EvmAddress patient, long categories, int attestationTypes, int purposes, Instant validFrom,
        Instant validUntil, long minPrice, Optional<EvmAddress> namedConsumer) {
    public GrantTerms {
        Objects.requireNonNull(patient, "patient");
        Objects.requireNonNull(validFrom, "validFrom");
        Objects.requireNonNull(validUntil, "validUntil");
        Objects.requireNonNull(namedConsumer, "namedConsumer");
        validFrom = Instant.ofEpochSecond(validFrom.getEpochSecond());
        validUntil = Instant.ofEpochSecond(validUntil.getEpochSecond());
    }

    /** Plain validity of the terms themselves (not of any signature). */
    public boolean wellFormed() {
        return categories != 0 && attestationTypes != 0 && purposes != 0 && validUntil.isAfter(validFrom)
                && minPrice >= 0 && (categories >>> 12) == 0
                && (attestationTypes >>> AttestationType.values().length) == 0
                && (purposes >>> Purpose.values().length) == 0;
    }
}
