package io.salus.fhir.server;

import io.salus.core.bulk.BulkJob;
import io.salus.core.error.Result;
import java.util.Set;

/** Accepts a Bulk Data export job for a caller (the node runs it); returns the absolute URL to poll. */
@FunctionalInterface
public interface BulkKickOff {
    Result<String> kickOff(FhirCaller caller, BulkJob.Kind kind, String subject, Set<String> types, String request);
}
