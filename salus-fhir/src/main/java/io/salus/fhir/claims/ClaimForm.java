package io.salus.fhir.claims;

import ca.uhn.fhir.context.FhirContext;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Date;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.hl7.fhir.r4.model.Claim;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.DateType;
import org.hl7.fhir.r4.model.Identifier;
import org.hl7.fhir.r4.model.Money;
import org.hl7.fhir.r4.model.Reference;

/**
 * A FHIR R4 {@code Claim} as this node reads it (docs/care.md), for the CLI, the demo and tests: the patient, the
 * provider (Practitioner or Organization, by Salus account id), the coverage, an optional payee, the items (service
 * code, date, amount in payment tokens) and the evidence (records the patient holds, by record id).
 */
public record ClaimForm(String patient, String providerType, String provider, String coverage,
        Optional<String> payee, List<Item> items, List<String> evidence) {
    public record Item(String service, LocalDate servedOn, BigDecimal amount) {
    }

    public ClaimForm {
        Objects.requireNonNull(payee, "payee");
        items = List.copyOf(items);
        evidence = List.copyOf(evidence);
    }

    public String json() {
        return FhirContext.forR4Cached().newJsonParser().encodeResourceToString(claim());
    }

    Claim claim() {
        Claim c = new Claim().setStatus(Claim.ClaimStatus.ACTIVE).setUse(Claim.Use.CLAIM)
                .setType(new CodeableConcept(new Coding("http://terminology.hl7.org/CodeSystem/claim-type",
                        "professional", "Professional")))
                .setPatient(new Reference("Patient/" + patient))
                .setProvider(new Reference(providerType + "/" + provider))
                .setPriority(new CodeableConcept(new Coding("http://terminology.hl7.org/CodeSystem/processpriority",
                        "normal", "Normal")));
        c.setCreated(Date.from(items.isEmpty()
                ? LocalDate.now(ZoneOffset.UTC).atStartOfDay().toInstant(ZoneOffset.UTC)
                : items.get(0).servedOn().atStartOfDay().toInstant(ZoneOffset.UTC)));
        c.addInsurance().setSequence(1).setFocal(true).setCoverage(new Reference("Coverage/" + coverage));
        payee.ifPresent(p -> c.getPayee().setType(new CodeableConcept(new Coding(
                "http://terminology.hl7.org/CodeSystem/payeetype", "provider", "Provider")))
                .setParty(new Reference(providerType + "/" + p)));
        int seq = 1;
        for (String record : evidence) {
            c.addSupportingInfo().setSequence(seq++).setCategory(new CodeableConcept(new Coding(
                    "http://terminology.hl7.org/CodeSystem/claiminformationcategory", "info", "Information")))
                    .setValue(new Reference().setIdentifier(new Identifier().setSystem(HapiClaimFhir.RECORD_SYSTEM)
                            .setValue(record)));
        }
        seq = 1;
        for (Item i : items) {
            c.addItem().setSequence(seq++).setProductOrService(new CodeableConcept(new Coding(
                    HapiClaimFhir.SERVICE_SYSTEM, i.service(), null)))
                    .setServiced(new DateType(i.servedOn().toString()))
                    .setNet(new Money().setValue(i.amount()));
        }
        return c;
    }
}
