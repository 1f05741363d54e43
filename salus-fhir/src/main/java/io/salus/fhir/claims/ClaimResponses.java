package io.salus.fhir.claims;

import ca.uhn.fhir.context.FhirContext;
import io.salus.core.claims.Adjudication;
import io.salus.core.claims.ClaimReason;
import io.salus.core.claims.SubmittedClaim;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.UUID;
import java.util.stream.Collectors;
import org.hl7.fhir.r4.model.ClaimResponse;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.Money;
import org.hl7.fhir.r4.model.Reference;

/**
 * The node's FHIR R4 ClaimResponse for an adjudicated claim: outcome {@code complete}, a disposition naming the
 * result and its reasons, per item the {@code submitted} and {@code benefit} amounts (payment tokens) with the item's
 * reasons ({@link ClaimReason#SYSTEM}), the claim-level reasons as {@code error}s, the totals and, when approved, the
 * payment. Stateless.
 */
final class ClaimResponses {
    private static final String ADJUDICATION = "http://terminology.hl7.org/CodeSystem/adjudication";

    private ClaimResponses() {
    }

    static byte[] of(UUID claimId, SubmittedClaim claim, String insurer, Adjudication a, Instant at,
            FhirContext fhir) {
        ClaimResponse r = new ClaimResponse().setStatus(ClaimResponse.ClaimResponseStatus.ACTIVE)
                .setType(new CodeableConcept(new Coding("http://terminology.hl7.org/CodeSystem/claim-type",
                        "professional", "Professional")))
                .setUse(ClaimResponse.Use.CLAIM).setPatient(new Reference("Patient/" + claim.patientRef()))
                .setCreated(Date.from(at)).setInsurer(new Reference("Organization/" + insurer))
                .setRequest(new Reference("Claim/" + claimId))
                .setOutcome(ClaimResponse.RemittanceOutcome.COMPLETE)
                .setDisposition(disposition(a));
        r.setId(claimId.toString());
        for (Adjudication.Line l : a.lines()) {
            ClaimResponse.ItemComponent item = r.addItem().setItemSequence(l.sequence());
            item.addAdjudication().setCategory(category("submitted")).setAmount(money(l.submitted()));
            ClaimResponse.AdjudicationComponent benefit = item.addAdjudication().setCategory(category("benefit"))
                    .setAmount(money(l.approved()));
            l.reasons().stream().findFirst().ifPresent(x -> benefit.setReason(reason(x)));
            for (ClaimReason x : l.reasons().stream().skip(1).toList()) {
                item.addAdjudication().setCategory(category("benefit")).setAmount(money(0)).setReason(reason(x));
            }
        }
        for (ClaimReason x : a.reasons()) {
            r.addError().setCode(reason(x));
        }
        long submitted = a.lines().stream().mapToLong(Adjudication.Line::submitted).sum();
        r.addTotal().setCategory(category("submitted")).setAmount(money(submitted));
        r.addTotal().setCategory(category("benefit")).setAmount(money(a.approvedTotal()));
        if (a.approved()) {
            r.getPayment().setType(new CodeableConcept(new Coding(
                    "http://terminology.hl7.org/CodeSystem/ex-paymenttype", "complete", "Complete")))
                    .setAmount(money(a.approvedTotal()));
        }
        return fhir.newJsonParser().encodeResourceToString(r).getBytes(StandardCharsets.UTF_8);
    }

    private static String disposition(Adjudication a) {
        if (a.approved()) {
            return "Approved: " + tokens(a.approvedTotal()).toPlainString() + " payment tokens";
        }
        List<ClaimReason> all = a.allReasons();
        return all.isEmpty()
                ? "Refused"
                : "Refused: " + all.stream().map(ClaimReason::text)
                        .collect(Collectors.joining("; "));
    }

    private static CodeableConcept category(String code) {
        return new CodeableConcept(new Coding(ADJUDICATION, code, null));
    }

    private static CodeableConcept reason(ClaimReason x) {
        return new CodeableConcept(new Coding(ClaimReason.SYSTEM, x.code(), x.text()));
    }

    private static Money money(long units) {
        return new Money().setValue(tokens(units));
    }

    /** Smallest units as tokens (6 decimals), without trailing zeros. */
    static BigDecimal tokens(long units) {
        BigDecimal t = new BigDecimal(units).movePointLeft(6).stripTrailingZeros();
        return t.scale() < 0 ? t.setScale(0) : t;
    }
}
