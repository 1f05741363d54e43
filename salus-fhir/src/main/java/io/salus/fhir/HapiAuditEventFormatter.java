package io.salus.fhir;

import ca.uhn.fhir.context.FhirContext;
import io.salus.core.account.Account;
import io.salus.core.consent.Decision;
import io.salus.core.consent.Purpose;
import io.salus.core.port.AuditEventFormatter;
import io.salus.core.record.Category;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Date;
import java.util.UUID;
import org.hl7.fhir.r4.model.AuditEvent;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.Identifier;
import org.hl7.fhir.r4.model.Reference;

/**
 * Renders decision-point decisions as FHIR R4 AuditEvents: a read (action R) of a patient's data category, by the
 * requester (agent, identified by DID), for a PurposeOfUse, with outcome 0 (released) or 4 (denied, with the Salus
 * error code); an emergency access also carries the purpose BTG (break the glass). The exact JSON bytes are what the
 * on-chain hash covers. Thread-safe.
 */
public final class HapiAuditEventFormatter implements AuditEventFormatter {
    static final String PURPOSE_SYSTEM = "http://terminology.hl7.org/CodeSystem/v3-ActReason";
    static final String CATEGORY_SYSTEM = "urn:salus:data-category";
    private final FhirContext fhir;
    private final String nodeName;

    public HapiAuditEventFormatter(String nodeName) {
        this.fhir = FhirContext.forR4Cached();
        this.nodeName = nodeName;
    }

    @Override
    public byte[] format(UUID entryId, Account requester, Account patient, Category category, Purpose purpose,
            Instant at, Decision decision) {
        AuditEvent ev = new AuditEvent();
        ev.setId(entryId.toString());
        ev.setType(new Coding("http://terminology.hl7.org/CodeSystem/audit-event-type", "rest", "RESTful Operation"));
        ev.addSubtype(new Coding("http://hl7.org/fhir/restful-interaction", "read", "read"));
        ev.setAction(AuditEvent.AuditEventAction.R);
        ev.setRecorded(Date.from(at));
        ev.setOutcome(decision.permitted() ? AuditEvent.AuditEventOutcome._0 : AuditEvent.AuditEventOutcome._4);
        ev.setOutcomeDesc(decision.code().map(c -> c.code() + " ").orElse("") + decision.reason());
        ev.addPurposeOfEvent(new CodeableConcept(new Coding(PURPOSE_SYSTEM, purpose.name(), purpose.display())));
        if (decision.basis() == Decision.Basis.BREAK_GLASS) {
            ev.addPurposeOfEvent(new CodeableConcept(new Coding(PURPOSE_SYSTEM, "BTG", "break the glass")));
        }
        AuditEvent.AuditEventAgentComponent agent = ev.addAgent();
        agent.setRequestor(true);
        agent.setWho(new Reference().setIdentifier(new Identifier().setSystem("urn:ietf:rfc:3986")
                .setValue(requester.did())).setDisplay(requester.kind().name()));
        agent.setType(new CodeableConcept(new Coding("urn:salus:account-kind", requester.kind().name(), null)));
        ev.getSource().setSite(nodeName).setObserver(new Reference().setDisplay("Salus node " + nodeName));
        AuditEvent.AuditEventEntityComponent entity = ev.addEntity();
        entity.setWhat(new Reference().setIdentifier(new Identifier().setSystem("urn:ietf:rfc:3986")
                .setValue(patient.did())));
        entity.setType(new Coding("http://terminology.hl7.org/CodeSystem/audit-entity-type", "1", "Person"));
        entity.addSecurityLabel(new Coding(CATEGORY_SYSTEM, category.name(), null));
        decision.grantId().ifPresent(g -> entity.addDetail().setType("grantId").setValue(
                new org.hl7.fhir.r4.model.StringType(Long.toString(g))));
        return fhir.newJsonParser().encodeResourceToString(ev).getBytes(StandardCharsets.UTF_8);
    }
}
