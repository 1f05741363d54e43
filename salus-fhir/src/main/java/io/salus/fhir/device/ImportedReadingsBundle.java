package io.salus.fhir.device;

import ca.uhn.fhir.context.FhirContext;
import io.salus.core.account.AccountId;
import io.salus.core.device.ImportFormat;
import io.salus.core.device.Reading;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.UUID;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.DateTimeType;
import org.hl7.fhir.r4.model.Identifier;
import org.hl7.fhir.r4.model.InstantType;
import org.hl7.fhir.r4.model.Period;
import org.hl7.fhir.r4.model.Provenance;
import org.hl7.fhir.r4.model.Reference;

/**
 * Imported readings as the record that is sealed: a collection Bundle of one {@code Observation} per reading (as a
 * device batch's, without a device) and a {@code Provenance} with policy {@value #POLICY_PREFIX}{@code <format>}, the
 * importing account as author, the readings' time range and the import time; no signature, since an export is not
 * signed at source. Thread-safe.
 */
final class ImportedReadingsBundle {
    static final String POLICY_PREFIX = "urn:salus:reading-import:";
    private final FhirContext fhir;

    ImportedReadingsBundle(FhirContext fhir) {
        this.fhir = fhir;
    }

    String json(AccountId patient, AccountId author, ImportFormat format, List<Reading> readings, Instant at) {
        Bundle b = new Bundle().setType(Bundle.BundleType.COLLECTION);
        Provenance p = new Provenance().setRecordedElement(new InstantType(Date.from(at)));
        for (Reading r : readings) {
            String url = "urn:uuid:" + DeviceBatchBundle.uuidOf(r.hash());
            b.addEntry().setFullUrl(url).setResource(DeviceBatchBundle.observation(r, r.hash(), account(patient),
                    null));
            p.addTarget(new Reference(url));
        }
        p.setOccurred(new Period().setStartElement(new DateTimeType(readings.getFirst().at().toString()))
                .setEndElement(new DateTimeType(readings.getLast().at().toString())));
        p.addPolicy(POLICY_PREFIX + format.id());
        p.addAgent().setWho(account(author)).setType(new CodeableConcept().addCoding(new Coding(
                "http://terminology.hl7.org/CodeSystem/provenance-participant-type", "author", "Author")));
        b.addEntry().setFullUrl("urn:uuid:" + UUID.randomUUID()).setResource(p);
        return fhir.newJsonParser().encodeResourceToString(b);
    }

    private static Reference account(AccountId id) {
        return new Reference().setIdentifier(new Identifier().setSystem(DeviceBatchBundle.ACCOUNT_SYSTEM).setValue(id
                .toString()));
    }
}
