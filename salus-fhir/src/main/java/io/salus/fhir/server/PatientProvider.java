package io.salus.fhir.server;

import ca.uhn.fhir.rest.annotation.IdParam;
import ca.uhn.fhir.rest.annotation.Operation;
import ca.uhn.fhir.rest.annotation.OperationParam;
import ca.uhn.fhir.rest.api.server.RequestDetails;
import io.salus.core.bulk.BulkJob;
import jakarta.servlet.http.HttpServletResponse;
import java.time.Clock;
import org.hl7.fhir.r4.model.IdType;
import org.hl7.fhir.r4.model.Patient;
import org.hl7.fhir.r4.model.StringType;

/** Patient read and search, and {@code Patient/{id}/$export} of the patient's own data. Thread-safe. */
public final class PatientProvider extends ResourceProvider {
    private final ExportOperation export;

    PatientProvider(FhirReads reads, ExportOperation export, Clock clock) {
        super(Patient.class, reads, clock);
        this.export = export;
    }

    @Operation(name = "$export", idempotent = true, manualResponse = true)
    public void export(@IdParam IdType id, @OperationParam(name = "_outputFormat") StringType outputFormat,
            @OperationParam(name = "_type") StringType type, @OperationParam(name = "_since") StringType since,
            RequestDetails rd, HttpServletResponse res) {
        export.kickOff(BulkJob.Kind.PATIENT, id.getIdPart(), outputFormat, type, since, rd, res);
    }
}
