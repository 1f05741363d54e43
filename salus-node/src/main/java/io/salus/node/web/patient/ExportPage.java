package io.salus.node.web.patient;

import io.salus.core.consent.Purpose;
import io.salus.core.error.Result;
import io.salus.core.usecase.ExportService;
import io.salus.core.usecase.consent.DelegatedRecords;
import io.salus.fhir.ExportBundleWriter;
import io.salus.node.web.Html;
import io.salus.node.web.PortalHandlers;
import io.salus.node.web.PortalRequest;
import io.salus.node.web.View;
import java.io.ByteArrayOutputStream;
import java.time.Clock;
import java.util.UUID;

/**
 * The patient's data export: all their records as one FHIR R4 Bundle, produced by the same {@code ExportService} and
 * bundle writer as {@code GET /patients/{id}/export} (purpose PATRQT, the patient's own request). Thread-safe.
 */
final class ExportPage {
    static final String PATH = PatientPortal.HOME + "/export";
    private final ExportService export;
    private final DelegatedRecords delegated;
    private final Clock clock;

    ExportPage(ExportService export, DelegatedRecords delegated, Clock clock) {
        this.export = export;
        this.delegated = delegated;
        this.clock = clock;
    }

    Result<View> show(PortalRequest r) {
        return Result.ok(View.of("Export your data", Html.of("""
                <p>Download every record the bank holds for you as one FHIR R4 Bundle (JSON), decrypted for you and \
                checked against its stored hash. Any other FHIR system can read it.</p>
                <p><a class="button" id="export-link" href="{}" download>Download my records (FHIR Bundle)</a></p>
                <p class="hint">The API offers the same export at <code>GET /patients/{}/export</code> with your API \
                token.</p>""", PATH + "/bundle.json", r.account().id())));
    }

    Result<PortalHandlers.File> bundle(PortalRequest r) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ExportBundleWriter writer = new ExportBundleWriter(out, UUID.randomUUID(), clock.instant());
        Result<Integer> n = export.export(r.account(), r.account().id(), Purpose.PATRQT, delegated::list,
                (record, json) -> writer.add(record.fhirId(), record.id().value(), json));
        writer.close();
        return n.map(count -> new PortalHandlers.File("salus-export-" + r.account().id() + ".json",
                "application/fhir+json", out.toByteArray()));
    }
}
