package io.salus.fhir.server;

import ca.uhn.fhir.rest.annotation.IdParam;
import ca.uhn.fhir.rest.annotation.Operation;
import ca.uhn.fhir.rest.annotation.OperationParam;
import ca.uhn.fhir.rest.api.server.RequestDetails;
import ca.uhn.fhir.rest.server.IResourceProvider;
import io.salus.core.bulk.BulkJob;
import jakarta.servlet.http.HttpServletResponse;
import org.hl7.fhir.instance.model.api.IBaseResource;
import org.hl7.fhir.r4.model.Group;
import org.hl7.fhir.r4.model.IdType;
import org.hl7.fhir.r4.model.StringType;

/**
 * {@code Group/{dealId}/$export}: a settled data deal's de-identified delivery, for the consumer who bought it. Groups
 * are not otherwise readable. Thread-safe.
 */
public final class GroupProvider implements IResourceProvider {
    private final ExportOperation export;

    GroupProvider(ExportOperation export) {
        this.export = export;
    }

    @Override
    public Class<? extends IBaseResource> getResourceType() {
        return Group.class;
    }

    @Operation(name = "$export", idempotent = true, manualResponse = true)
    public void export(@IdParam IdType id, @OperationParam(name = "_outputFormat") StringType outputFormat,
            @OperationParam(name = "_type") StringType type, @OperationParam(name = "_since") StringType since,
            RequestDetails rd, HttpServletResponse res) {
        export.kickOff(BulkJob.Kind.GROUP, id.getIdPart(), outputFormat, type, since, rd, res);
    }
}
