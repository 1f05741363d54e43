package io.salus.fhir.emergency;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.parser.IParser;
import io.salus.core.account.Account;
import io.salus.core.port.EmergencySummary;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.UUID;
import org.hl7.fhir.r4.model.AllergyIntolerance;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.Composition;
import org.hl7.fhir.r4.model.Condition;
import org.hl7.fhir.r4.model.Identifier;
import org.hl7.fhir.r4.model.MedicationRequest;
import org.hl7.fhir.r4.model.MedicationStatement;
import org.hl7.fhir.r4.model.Narrative;
import org.hl7.fhir.r4.model.Observation;
import org.hl7.fhir.r4.model.Patient;
import org.hl7.fhir.r4.model.Reference;
import org.hl7.fhir.r4.model.Resource;

/**
 * The emergency profile as a FHIR R4 document Bundle shaped like the International Patient Summary: a Composition
 * (LOINC 60591-5) with the IPS sections for allergies (48765-2), medications (10160-0), problems (11450-4) and results
 * (30954-2, blood group only), then the Patient (name, sex, birth date, emergency contacts) and the selected
 * resources. Selection: allergies not inactive or resolved; medication requests and statements that are active;
 * conditions active, recurring or relapsed and not abated; observations coding ABO/Rh (LOINC 882-1, 883-9, 10331-7).
 * Each resource's subject is pointed at the Patient entry and its references to encounters, practitioners and the
 * like are dropped, so the document is self-contained. Thread-safe.
 */
public final class HapiEmergencySummary implements EmergencySummary {
    private static final String LOINC = "http://loinc.org";
    private final FhirContext fhir;

    public HapiEmergencySummary(FhirContext fhir) {
        this.fhir = fhir;
    }

    @Override
    public byte[] summarise(Account account, List<byte[]> resources, Instant at) {
        IParser parser = fhir.newJsonParser();
        String patientUrl = "urn:uuid:" + account.id().value();
        Reference subject = new Reference(patientUrl);
        Patient patient = new Patient();
        patient.addIdentifier(new Identifier().setSystem("urn:ietf:rfc:3986").setValue(account.did()));
        Sections sections = new Sections();
        for (byte[] json : resources) {
            Resource r = (Resource) parser.parseResource(new String(json, StandardCharsets.UTF_8));
            if (r instanceof Patient p) {
                patient.setName(p.getName()).setGender(p.getGender()).setBirthDateElement(p.getBirthDateElement())
                        .setContact(p.getContact());
            } else {
                Selection.select(r, subject).ifPresent(sections::add);
            }
        }
        Bundle bundle = new Bundle().setType(Bundle.BundleType.DOCUMENT).setTimestamp(Date.from(at))
                .setIdentifier(new Identifier().setSystem("urn:ietf:rfc:3986").setValue("urn:uuid:" + UUID
                        .randomUUID()));
        Composition composition = composition(subject, at, sections);
        bundle.addEntry().setFullUrl("urn:uuid:" + UUID.randomUUID()).setResource(composition);
        bundle.addEntry().setFullUrl(patientUrl).setResource(patient);
        for (Sections.Entry e : sections.all()) {
            bundle.addEntry().setFullUrl(e.url()).setResource(e.resource());
        }
        return parser.encodeResourceToString(bundle).getBytes(StandardCharsets.UTF_8);
    }

    private static Composition composition(Reference subject, Instant at, Sections s) {
        Composition c = new Composition().setStatus(Composition.CompositionStatus.FINAL)
                .setType(new CodeableConcept(new Coding(LOINC, "60591-5", "Patient summary Document")))
                .setSubject(subject).setDate(Date.from(at))
                .setTitle("Emergency profile (break-the-glass access)");
        c.addAuthor(new Reference().setDisplay("Salus node"));
        c.setConfidentiality(Composition.DocumentConfidentiality.R);
        section(c, "48765-2", "Allergies and intolerances", s.allergies);
        section(c, "10160-0", "Medication summary", s.medications);
        section(c, "11450-4", "Problem list", s.problems);
        section(c, "30954-2", "Results (blood group)", s.bloodGroup);
        return c;
    }

    private static void section(Composition c, String loinc, String title, List<Sections.Entry> entries) {
        Composition.SectionComponent s = c.addSection().setTitle(title)
                .setCode(new CodeableConcept(new Coding(LOINC, loinc, title)));
        StringBuilder div = new StringBuilder("<div xmlns=\"http://www.w3.org/1999/xhtml\"><ul>");
        for (Sections.Entry e : entries) {
            s.addEntry(new Reference(e.url()));
            div.append("<li>").append(escape(e.display())).append("</li>");
        }
        if (entries.isEmpty()) {
            s.setEmptyReason(new CodeableConcept(new Coding(
                    "http://terminology.hl7.org/CodeSystem/list-empty-reason", "unavailable", "Unavailable")));
            div.append("<li>None recorded</li>");
        }
        Narrative text = new Narrative().setStatus(Narrative.NarrativeStatus.GENERATED);
        text.setDivAsString(div + "</ul></div>");
        s.setText(text);
    }

    private static String escape(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
    }

    /** The selected resources by section, each with its fullUrl and a display line. */
    static final class Sections {
        record Entry(String url, Resource resource, String display) {
        }

        final List<Entry> allergies = new ArrayList<>();
        final List<Entry> medications = new ArrayList<>();
        final List<Entry> problems = new ArrayList<>();
        final List<Entry> bloodGroup = new ArrayList<>();

        void add(Resource r) {
            Entry e = new Entry("urn:uuid:" + UUID.randomUUID(), r, Selection.display(r));
            switch (r) {
                case AllergyIntolerance a -> allergies.add(e);
                case MedicationRequest m -> medications.add(e);
                case MedicationStatement m -> medications.add(e);
                case Condition c -> problems.add(e);
                case Observation o -> bloodGroup.add(e);
                default -> throw new IllegalArgumentException("not an emergency resource: " + r.fhirType());
            }
        }

        List<Entry> all() {
            List<Entry> out = new ArrayList<>(allergies);
            out.addAll(medications);
            out.addAll(problems);
            out.addAll(bloodGroup);
            return out;
        }
    }
}
