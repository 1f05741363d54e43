package io.salus.fhir.risk;

import io.salus.core.scores.RiskEvidence;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.MedicationRequest;
import org.hl7.fhir.r4.model.MedicationStatement;
import org.hl7.fhir.r4.model.Resource;

/**
 * Antihypertensive treatment from MedicationRequest and MedicationStatement records: an ATC code in C02, C03, C07, C08
 * or C09, or a common antihypertensive ingredient named in the medication's text or codings. "Current" counts active
 * records only, "ever" any. With no medication records at all the answer is unknown.
 */
final class Medications {
    static final List<String> ATC = List.of("C02", "C03", "C07", "C08", "C09");
    static final List<String> INGREDIENTS = List.of("lisinopril", "enalapril", "ramipril", "perindopril", "captopril",
            "losartan", "valsartan", "candesartan", "irbesartan", "olmesartan", "telmisartan", "amlodipine",
            "nifedipine", "felodipine", "diltiazem", "verapamil", "hydrochlorothiazide", "chlorthalidone",
            "indapamide", "furosemide", "spironolactone", "metoprolol", "atenolol", "bisoprolol", "carvedilol",
            "propranolol", "nebivolol", "doxazosin", "clonidine", "hydralazine", "methyldopa");
    private final List<Med> meds;
    private final Map<String, RiskEvidence.Source> basis;

    private record Med(String ref, CodeableConcept code, boolean active) {
    }

    Medications(List<Resource> resources, Map<String, RiskEvidence.Source> basis) {
        this.meds = resources.stream().<Med>mapMulti((r, out) -> {
            if (r instanceof MedicationRequest m && m.hasMedicationCodeableConcept()) {
                out.accept(new Med(RiskEvidenceReader.ref(m), m
                        .getMedicationCodeableConcept(),
                        m.getStatus() == MedicationRequest.MedicationRequestStatus.ACTIVE));
            } else if (r instanceof MedicationStatement m && m.hasMedicationCodeableConcept()) {
                out.accept(new Med(RiskEvidenceReader.ref(m), m
                        .getMedicationCodeableConcept(),
                        m.getStatus() == MedicationStatement.MedicationStatementStatus.ACTIVE));
            }
        }).toList();
        this.basis = basis;
    }

    /** Whether an antihypertensive is (if {@code current}: actively) taken; unknown without medication records. */
    Optional<Boolean> antihypertensive(String input, boolean current) {
        if (meds.isEmpty()) {
            return Optional.empty();
        }
        Optional<Med> found = meds.stream().filter(m -> (!current || m.active()) && antihypertensive(m.code()))
                .findFirst();
        basis.put(input, found.map(m -> new RiskEvidence.Source(m.ref(), RiskEvidenceReader.text(m.code()))).orElseGet(
                () -> new RiskEvidence.Source("", "no " + (current ? "active " : "") + "antihypertensive among "
                        + meds.size() + " medication records")));
        return Optional.of(found.isPresent());
    }

    static boolean antihypertensive(CodeableConcept code) {
        StringBuilder words = new StringBuilder(code.hasText() ? code.getText() : "");
        for (Coding c : code.getCoding()) {
            if (c.getSystem() != null && c.getSystem().equals("http://www.whocc.no/atc") && c.getCode() != null
                    && ATC.stream().anyMatch(c.getCode()::startsWith)) {
                return true;
            }
            words.append(' ').append(c.getDisplay() == null ? "" : c.getDisplay());
        }
        String lower = words.toString().toLowerCase(Locale.ROOT);
        return INGREDIENTS.stream().anyMatch(lower::contains);
    }

}
