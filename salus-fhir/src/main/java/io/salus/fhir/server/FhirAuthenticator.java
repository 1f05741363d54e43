package io.salus.fhir.server;

import io.salus.core.error.Result;
import java.util.Optional;

/** Resolves the caller of a FHIR request from its {@code Authorization} and purpose headers. Thread-safe. */
@FunctionalInterface
public interface FhirAuthenticator {

    /** The header naming the HL7 PurposeOfUse of a read by anyone but the patient (e.g. {@code HRESCH}). */
    String PURPOSE_HEADER = "X-Purpose-Of-Use";

    Result<FhirCaller> authenticate(Optional<String> authorization, Optional<String> purpose);
}
