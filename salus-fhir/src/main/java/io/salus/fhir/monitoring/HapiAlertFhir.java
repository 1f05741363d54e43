package io.salus.fhir.monitoring;

import ca.uhn.fhir.context.FhirContext;
import io.salus.core.account.Account;
import io.salus.core.monitoring.Alert;
import io.salus.core.monitoring.Escalation;
import io.salus.core.port.AlertFhir;
import io.salus.core.usecase.monitoring.AlertAudit;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Date;
import java.util.Locale;
import java.util.UUID;
import org.hl7.fhir.r4.model.AuditEvent;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.Communication;
import org.hl7.fhir.r4.model.Flag;
import org.hl7.fhir.r4.model.Identifier;
import org.hl7.fhir.r4.model.Period;
import org.hl7.fhir.r4.model.Reference;
import org.hl7.fhir.r4.model.Resource;

/**
 * The {@link AlertFhir} adapter on HAPI FHIR R4: the alert as a clinical {@code Flag} on the patient (priority from
 * its severity, the rule as its code), each notification as a {@code Communication} about that Flag to its recipient,
 * and each raise, notification and acknowledgement as an {@code AuditEvent} that references the Flag and carries no
 * value. Patients and recipients are identified by DID and address. Thread-safe.
 */
public final class HapiAlertFhir implements AlertFhir {
    static final String RULE_SYSTEM = "urn:salus:monitoring-rule";
    static final String ADDRESS_SYSTEM = "urn:salus:evm-address";
    static final String ACTION_SYSTEM = "urn:salus:alert-action";
    private static final String FLAG_PRIORITY = "http://hl7.org/fhir/StructureDefinition/flag-priority";
    private final FhirContext fhir;

    public HapiAlertFhir(FhirContext fhir) {
        this.fhir = fhir;
    }

    @Override
    public byte[] flag(Alert alert, Account patient, Instant now) {
        Flag f = new Flag();
        f.setId(alert.id().toString());
        f.setStatus(Flag.FlagStatus.ACTIVE);
        f.addCategory(new CodeableConcept(new Coding("http://terminology.hl7.org/CodeSystem/flag-category",
                "clinical", "Clinical")));
        f.setCode(new CodeableConcept(new Coding(RULE_SYSTEM, alert.rule().value(), alert.title()))
                .setText(alert.title() + ": " + alert.detail()));
        f.setSubject(did(patient));
        f.setPeriod(new Period().setStart(Date.from(alert.raisedAt())));
        f.addExtension(FLAG_PRIORITY, new CodeableConcept(new Coding(
                "http://terminology.hl7.org/CodeSystem/flag-priority-code", alert.urgent() ? "PH" : "PM",
                alert.urgent() ? "High priority" : "Medium priority")));
        return json(f);
    }

    @Override
    public byte[] communication(Alert alert, Account patient, Escalation.Notice notice, Instant now) {
        Communication c = new Communication();
        c.setId(UUID.nameUUIDFromBytes((alert.id() + "|" + notice.to().address().hex()).getBytes(
                StandardCharsets.UTF_8)).toString());
        c.setStatus(Communication.CommunicationStatus.COMPLETED);
        c.addCategory(new CodeableConcept(new Coding(
                "http://terminology.hl7.org/CodeSystem/communication-category", "alert", "Alert")));
        c.setPriority(alert.urgent()
                ? Communication.CommunicationPriority.URGENT
                : Communication.CommunicationPriority.ROUTINE);
        c.setSubject(did(patient));
        c.addAbout(new Reference("Flag/" + alert.id()));
        c.addRecipient(new Reference().setIdentifier(new Identifier().setSystem(ADDRESS_SYSTEM).setValue(notice.to()
                .address().hex())).setDisplay(notice.to().role().name().toLowerCase(Locale.ROOT)));
        c.setSent(Date.from(notice.at()));
        String value = alert.value().map(v -> " " + v + " " + alert.unit()).orElse("");
        c.addPayload().setContent(new org.hl7.fhir.r4.model.StringType(alert.title() + value + " (data of "
                + alert.dataAt() + ", escalation level " + notice.level() + ")"));
        return json(c);
    }

    @Override
    public byte[] auditEvent(AlertAudit.Action action, Alert alert, Account patient, String actor, Instant at) {
        AuditEvent ev = new AuditEvent();
        ev.setType(new Coding("http://terminology.hl7.org/CodeSystem/audit-event-type", "rest", "RESTful Operation"));
        ev.addSubtype(new Coding(ACTION_SYSTEM, action.name(), null));
        ev.setAction(switch (action) {
            case RAISED -> AuditEvent.AuditEventAction.C;
            case NOTIFIED -> AuditEvent.AuditEventAction.E;
            case ACKNOWLEDGED -> AuditEvent.AuditEventAction.U;
        });
        ev.setRecorded(Date.from(at));
        ev.setOutcome(AuditEvent.AuditEventOutcome._0);
        ev.addAgent().setRequestor(!"node".equals(actor)).setWho(new Reference().setIdentifier(new Identifier()
                .setSystem(ADDRESS_SYSTEM).setValue(actor)));
        ev.addEntity().setWhat(new Reference("Flag/" + alert.id()));
        ev.addEntity().setWhat(did(patient)).setType(new Coding(
                "http://terminology.hl7.org/CodeSystem/audit-entity-type", "1", "Person"));
        return json(ev);
    }

    private static Reference did(Account patient) {
        return new Reference().setIdentifier(new Identifier().setSystem("urn:ietf:rfc:3986").setValue(patient.did()));
    }

    private byte[] json(Resource r) {
        return fhir.newJsonParser().encodeResourceToString(r).getBytes(StandardCharsets.UTF_8);
    }
}
