package io.salus.core.port;

import io.salus.core.account.Account;
import java.time.Instant;
import java.util.List;

/**
 * Renders a patient's emergency profile from their released records (FHIR R4 JSON): allergies, active medications,
 * active conditions, blood type where recorded and emergency contacts, as a FHIR document Bundle shaped like the
 * International Patient Summary. Thread-safe.
 */
@FunctionalInterface
public interface EmergencySummary {
    byte[] summarise(Account patient, List<byte[]> resources, Instant at);
}
