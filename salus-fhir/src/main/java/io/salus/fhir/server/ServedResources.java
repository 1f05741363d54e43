package io.salus.fhir.server;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.parser.IParser;
import io.salus.core.account.AccountId;
import io.salus.core.record.RecordSummary;
import io.salus.core.usecase.consent.RecordRelease;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Date;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.hl7.fhir.r4.model.Reference;
import org.hl7.fhir.r4.model.Resource;

/**
 * How stored records are served under {@code /fhir}: every resource gets its server id (a Patient is
 * {@code Patient/<patient account id>}, anything else {@code <Type>/<record id>}), {@code meta.lastUpdated} is the
 * deposit time, and references inside it to the same patient's records (by {@code urn:uuid:}, relative id or a
 * conditional Patient reference) are rewritten to those server ids, so a FHIR client can follow them. References to
 * records the caller may not see stay as they were deposited. The sealed bytes are not changed: this is a view
 * (the deposited bytes and their proof stay available at {@code /records/{id}}). Thread-safe (per-call state only).
 */
public final class ServedResources {
    private final FhirContext fhir;

    public ServedResources(FhirContext fhir) {
        this.fhir = fhir;
    }

    /** A served resource with the category and time it was stored under. */
    public record Served(Resource resource, RecordSummary summary) {
    }

    /** The released records as served resources, newest deposit first (stable: then by record id). */
    public List<Served> serve(RecordRelease.Released released) {
        AccountId patient = released.patient();
        IParser parser = fhir.newJsonParser();
        Map<String, String> targets = new HashMap<>();
        for (RecordSummary s : released.visible()) {
            if (s.fhirId() != null) {
                String target = "Patient".equals(s.resourceType())
                        ? "Patient/" + patient
                        : s.resourceType() + "/" + s.id();
                targets.put("urn:uuid:" + s.fhirId(), target);
                targets.put(s.resourceType() + "/" + s.fhirId(), target);
            }
        }
        List<Served> out = new ArrayList<>(released.records().size());
        for (RecordRelease.Opened o : released.records()) {
            Resource r = (Resource) parser.parseResource(new String(o.json(), StandardCharsets.UTF_8));
            RecordSummary s = o.summary();
            r.setId("Patient".equals(s.resourceType()) ? patient.toString() : s.id().toString());
            r.getMeta().setLastUpdated(Date.from(s.depositedAt())).setVersionId("1");
            for (Reference ref : fhir.newTerser().getAllPopulatedChildElementsOfType(r, Reference.class)) {
                rewrite(ref, targets, patient);
            }
            out.add(new Served(r, s));
        }
        out.sort(Comparator.comparing((Served x) -> x.summary().depositedAt()).reversed()
                .thenComparing(x -> x.summary().id().toString()));
        return out;
    }

    private static void rewrite(Reference ref, Map<String, String> targets, AccountId patient) {
        String v = ref.getReference();
        if (v == null) {
            return;
        }
        String target = targets.get(v);
        if (target != null) {
            ref.setReference(target);
        } else if (v.startsWith("Patient?")) {
            // the deposit rules accepted it only as a conditional reference to the bundle's own patient
            ref.setReference("Patient/" + patient);
        }
    }
}
