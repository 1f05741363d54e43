package io.salus.core.claims;

import java.time.LocalDate;
import java.util.Objects;

/** One item of a claim: its sequence, the service's code, the day it was given and the amount asked (token units). */
public record ClaimLine(int sequence, String service, LocalDate servedOn, long amount) {
    public ClaimLine {
        Objects.requireNonNull(service, "service");
        Objects.requireNonNull(servedOn, "servedOn");
    }
}
