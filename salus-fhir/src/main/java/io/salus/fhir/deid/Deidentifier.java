package io.salus.fhir.deid;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.parser.DataFormatException;
import ca.uhn.fhir.parser.IParser;
import io.salus.core.error.ErrorCode;
import io.salus.core.error.Result;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import org.hl7.fhir.instance.model.api.IBaseResource;
import org.hl7.fhir.r4.model.BooleanType;
import org.hl7.fhir.r4.model.Patient;
import org.hl7.fhir.r4.model.Resource;

/**
 * De-identifies one patient's FHIR R4 resources for one deal, modelled on HIPAA Safe Harbor as far as FHIR allows
 * (the rules and their limits are in {@code docs/delivery.md}): direct identifiers, narratives and free text removed;
 * every date shifted by a per-patient number of days in [-182, +182] (drawn from the deal key, or given: one per
 * patient and consumer organisation); ages of 90 and over aggregated (the birth date of a patient of 90 or more, and
 * every {@code Age} of 90 years or more, capped at "90 or older"); every id and reference rewritten to a deal-stable pseudonym; references to directory resources replaced
 * by bare stubs so that every reference in the output resolves. Thread-safe: the {@link FhirContext} is shared, all
 * per-call state is local.
 */
public final class Deidentifier {
    /** The extension that replaces the birth date of a patient aged 90 or over (valueBoolean true). */
    public static final String AGE_90_OR_OLDER = "urn:salus:fhir:StructureDefinition:age-90-or-older";

    private final FhirContext fhir;
    private final Clock clock;

    /** {@code clock} gives the date at which the age of living patients is judged (90 and over). */
    public Deidentifier(Clock clock) {
        this(FhirContext.forR4(), clock);
    }

    /** Shares an existing R4 context (they are expensive to create). */
    public Deidentifier(FhirContext fhir, Clock clock) {
        this.fhir = Objects.requireNonNull(fhir, "fhir");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /** {@link #deidentify(DealKey, String, List)} when the list holds the patient's Patient resource. */
    public Result<DeidentifiedPatient> deidentify(DealKey deal, List<byte[]> resources) {
        return deidentify(deal, null, resources);
    }

    /**
     * De-identifies a patient's resources (their stored JSON, in deposit order; a resource given again with the same
     * type and id replaces the earlier one). {@code patientId} is the FHIR id of the patient's Patient resource; it
     * may be null when the list holds that resource, and must be given when it does not (a deal without demographics),
     * so that references to the patient still resolve (to a bare Patient stub). Every Patient resource in the list is
     * taken to be this patient. {@code INVALID_FHIR} if a resource does not parse, {@code INVALID_REQUEST} if the
     * patient cannot be told.
     */
    public Result<DeidentifiedPatient> deidentify(DealKey deal, String patientId, List<byte[]> resources) {
        return deidentify(deal, patientId, resources, Optional.empty());
    }

    /**
     * As {@link #deidentify(DealKey, String, List)}, with the patient's pseudonym (their Patient resource's id) and
     * date shift given by the caller: a deal pseudonym committed on chain, a shift per patient and consumer
     * organisation ({@link DateShifts}).
     */
    public Result<DeidentifiedPatient> deidentify(DealKey deal, String patientId, List<byte[]> resources,
            PatientOptions options) {
        return deidentify(deal, patientId, resources, Optional.of(options));
    }

    private Result<DeidentifiedPatient> deidentify(DealKey deal, String patientId, List<byte[]> resources,
            Optional<PatientOptions> options) {
        IParser parser = fhir.newJsonParser();
        Map<String, Resource> records = new LinkedHashMap<>();
        Patient patient = null;
        Set<String> patientIds = new HashSet<>();
        for (int i = 0; i < resources.size(); i++) {
            Resource r;
            try {
                IBaseResource parsed = parser.parseResource(new String(resources.get(i), StandardCharsets.UTF_8));
                r = (Resource) parsed;
            } catch (DataFormatException | ClassCastException e) {
                return Result.fail(ErrorCode.INVALID_FHIR, "resource " + i + " is not FHIR R4 JSON");
            }
            String id = r.getIdElement().getIdPart();
            if (id == null || id.isEmpty()) {
                // stored before deposits gave id-less resources their fullUrl's uuid: nothing can reference it, so a
                // position-based id (pseudonymised like any other) keeps the record in the package
                id = "salus-unnamed-" + i;
                r.setId(id);
            }
            if (r instanceof Patient p) {
                patient = p;
                patientIds.add(id);
            } else {
                records.put(r.fhirType() + "/" + id, r);
            }
        }
        String key = patientId != null ? patientId : patient == null ? null : patient.getIdElement().getIdPart();
        if (key == null) {
            return Result.fail(ErrorCode.INVALID_REQUEST, "no Patient resource and no patient id: whose data is it?");
        }
        patientIds.add(key);
        return Result.ok(deidentify(deal, key, patientIds, patient, records, parser, options));
    }

    private DeidentifiedPatient deidentify(DealKey deal, String key, Set<String> patientIds, Patient patient,
            Map<String, Resource> records, IParser parser, Optional<PatientOptions> options) {
        Pseudonyms pseudonyms = new Pseudonyms(deal);
        String patientPseudonym = options.map(PatientOptions::pseudonym).orElseGet(() -> pseudonyms.id("Patient",
                key));
        References refs = new References(pseudonyms, patientPseudonym, patientIds);
        for (Resource r : records.values()) {
            r.setId(refs.add(r.fhirType(), r.getIdElement().getIdPart()));
        }
        Scrubber scrubber = new Scrubber(pseudonyms, refs, options.map(PatientOptions::shiftDays)
                .orElseGet(() -> pseudonyms.shiftDays(key)));
        List<DeidentifiedResource> out = new ArrayList<>(records.size() + 8);
        Patient p = patient == null ? new Patient() : patient;
        boolean oldest = patient != null && aged90OrOver(patient);
        if (oldest) {
            p.setBirthDateElement(null);
        }
        p.setId(patientPseudonym);
        scrubber.scrub(p);
        if (oldest) {
            p.addExtension(AGE_90_OR_OLDER, new BooleanType(true));
        }
        out.add(encode(p, parser));
        for (Resource r : records.values()) {
            scrubber.scrub(r);
            out.add(encode(r, parser));
        }
        for (Map.Entry<String, String> stub : refs.stubs().entrySet()) {
            Resource r = (Resource) fhir.getResourceDefinition(stub.getValue()).newInstance();
            r.setId(stub.getKey().substring(stub.getValue().length() + 1));
            out.add(encode(r, parser));
        }
        return new DeidentifiedPatient(patientPseudonym, out);
    }

    /** Whether the patient is 90 or older at death or today, taking the earliest birth and latest death the values allow. */
    private boolean aged90OrOver(Patient patient) {
        if (!patient.hasBirthDateElement() || patient.getBirthDateElement().getValueAsString() == null) {
            return false;
        }
        LocalDate born = earliest(patient.getBirthDateElement().getValueAsString());
        LocalDate at = LocalDate.now(clock.withZone(ZoneOffset.UTC));
        if (patient.hasDeceasedDateTimeType() && patient.getDeceasedDateTimeType().getValueAsString() != null) {
            at = latest(patient.getDeceasedDateTimeType().getValueAsString());
        }
        return ChronoUnit.YEARS.between(born, at) >= 90;
    }

    private static LocalDate earliest(String date) {
        return switch (date.length()) {
            case 4 -> LocalDate.of(Integer.parseInt(date), 1, 1);
            case 7 -> LocalDate.parse(date + "-01");
            default -> LocalDate.parse(date.substring(0, 10));
        };
    }

    private static LocalDate latest(String date) {
        return switch (date.length()) {
            case 4 -> LocalDate.of(Integer.parseInt(date), 12, 31);
            case 7 -> LocalDate.parse(date + "-01").plusMonths(1).minusDays(1);
            default -> LocalDate.parse(date.substring(0, 10));
        };
    }

    private static DeidentifiedResource encode(Resource r, IParser parser) {
        byte[] json = parser.encodeResourceToString(r).getBytes(StandardCharsets.UTF_8);
        return new DeidentifiedResource(r.fhirType(), r.getIdElement().getIdPart(), json);
    }
}
