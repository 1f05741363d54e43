package io.salus.fhir.server;

import ca.uhn.fhir.rest.api.server.RequestDetails;
import io.salus.core.bulk.BulkJob;
import io.salus.core.error.ErrorCode;
import io.salus.core.smart.SmartScope.Interaction;
import jakarta.servlet.http.HttpServletResponse;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.hl7.fhir.r4.model.StringType;

/**
 * The kick-off of {@code $export} (FHIR Bulk Data Access IG, async pattern): {@code Prefer: respond-async} is
 * required; {@code _type} narrows the resource types (a SMART app only to those its scopes let it read);
 * {@code _outputFormat} must be NDJSON; {@code _since} and the other optional parameters are refused rather than
 * ignored. Answers 202 with {@code Content-Location}. Thread-safe.
 */
final class ExportOperation {
    private static final Set<String> NDJSON = Set.of("application/fhir+ndjson", "application/ndjson", "ndjson");
    private final BulkKickOff kickOff;
    private final List<String> servedTypes;

    ExportOperation(BulkKickOff kickOff, List<String> servedTypes) {
        this.kickOff = kickOff;
        this.servedTypes = List.copyOf(servedTypes);
    }

    void kickOff(BulkJob.Kind kind, String subject, StringType outputFormat, StringType type, StringType since,
            RequestDetails rd, HttpServletResponse res) {
        FhirCaller caller = Callers.of(rd);
        String prefer = rd.getHeader("Prefer");
        if (prefer == null || !prefer.toLowerCase(java.util.Locale.ROOT).contains("respond-async")) {
            throw Outcomes.of(ErrorCode.BULK_ASYNC_REQUIRED, "send Prefer: respond-async");
        }
        if (outputFormat != null && !NDJSON.contains(outputFormat.getValue())) {
            throw Outcomes.of(ErrorCode.BULK_EXPORT_UNSUPPORTED, "_outputFormat must be application/fhir+ndjson");
        }
        if (since != null) {
            throw Outcomes.of(ErrorCode.BULK_EXPORT_UNSUPPORTED, "_since is not supported: export everything");
        }
        Set<String> types = new LinkedHashSet<>();
        if (type != null && type.getValue() != null) {
            for (String t : type.getValue().split(",")) {
                String name = t.trim();
                if (!servedTypes.contains(name)) {
                    throw Outcomes.of(ErrorCode.BULK_EXPORT_UNSUPPORTED, "_type " + name + " is not served");
                }
                types.add(name);
            }
        }
        if (caller.scopes().isPresent()) {
            Set<String> asked = types.isEmpty() ? new LinkedHashSet<>(servedTypes) : types;
            Set<String> allowed = new LinkedHashSet<>(asked.stream()
                    .filter(t -> caller.allows(t, Interaction.READ)).toList());
            if (allowed.isEmpty() || !types.isEmpty() && !allowed.equals(types)) {
                throw Outcomes.of(ErrorCode.SMART_SCOPE_INSUFFICIENT, "the access token's scopes do not allow "
                        + "reading every type asked for");
            }
            types = allowed;
        }
        String location = Outcomes.orThrow(kickOff.kickOff(caller, kind, subject, types, rd.getCompleteUrl()));
        res.setStatus(202);
        res.setHeader("Content-Location", location);
    }
}
