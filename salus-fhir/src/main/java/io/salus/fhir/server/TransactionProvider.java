package io.salus.fhir.server;

import ca.uhn.fhir.rest.annotation.Transaction;
import ca.uhn.fhir.rest.annotation.TransactionParam;
import ca.uhn.fhir.rest.api.server.RequestDetails;
import io.salus.core.account.AccountId;
import io.salus.core.account.AccountKind;
import io.salus.core.error.ErrorCode;
import io.salus.core.record.RecordSummary;
import io.salus.core.smart.SmartScope.Interaction;
import io.salus.core.usecase.DepositReceipt;
import io.salus.core.usecase.DepositService;
import java.util.Date;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.Bundle.BundleEntryComponent;
import org.hl7.fhir.r4.model.Bundle.BundleType;
import org.hl7.fhir.r4.model.OperationOutcome;

/**
 * {@code POST /fhir} with a transaction Bundle: the request's exact bytes go through the same deposit as
 * {@code POST /patients/{id}/bundles} (authorisation, validation against the deposit rules and FHIR R4's rules,
 * sealing, anchoring, idempotency by {@code Idempotency-Key}); the answer is a transaction-response Bundle with one
 * entry per request entry ({@code 201 Created} and the record's server location, or {@code 200 OK} for a replay and
 * for directory resources that are referenced but not stored). The patient is the caller when the caller is a patient
 * (a SMART app needs create scopes for every type), otherwise the account named in {@value #PATIENT_HEADER}.
 * Thread-safe.
 */
public final class TransactionProvider {
    /** Names the patient a provider deposits for. */
    public static final String PATIENT_HEADER = "X-Salus-Patient";
    private final DepositService deposits;

    TransactionProvider(DepositService deposits) {
        this.deposits = deposits;
    }

    @Transaction
    public Bundle transaction(@TransactionParam Bundle bundle, RequestDetails rd) {
        FhirCaller caller = Callers.of(rd);
        if (bundle.getType() != BundleType.TRANSACTION) {
            throw Outcomes.of(ErrorCode.NOT_A_BUNDLE, "POST /fhir takes a transaction Bundle");
        }
        for (BundleEntryComponent e : bundle.getEntry()) {
            if (e.hasResource() && !caller.allows(e.getResource().fhirType(), Interaction.CREATE)) {
                throw Outcomes.of(ErrorCode.SMART_SCOPE_INSUFFICIENT, "the access token's scopes do not allow "
                        + "creating " + e.getResource().fhirType());
            }
        }
        AccountId patient = patient(caller, rd);
        DepositReceipt receipt = Outcomes.orThrow(deposits.deposit(new DepositService.Command(caller.account(),
                patient, rd.loadRequestContents(), Optional.ofNullable(rd.getHeader("Idempotency-Key")),
                "fhir-transaction")));
        return response(bundle, receipt, patient);
    }

    private static AccountId patient(FhirCaller caller, RequestDetails rd) {
        String named = rd.getHeader(PATIENT_HEADER);
        if (named == null) {
            if (caller.account().kind() != AccountKind.PATIENT) {
                throw Outcomes.of(ErrorCode.FHIR_PATIENT_REQUIRED, "name the patient in " + PATIENT_HEADER);
            }
            return caller.account().id();
        }
        AccountId id = AccountId.parse(named.trim()).orElseThrow(() -> Outcomes.of(ErrorCode.ACCOUNT_NOT_FOUND,
                "no account " + named));
        if (caller.scopes().isPresent() && !id.equals(caller.account().id())) {
            throw Outcomes.of(ErrorCode.SMART_SCOPE_INSUFFICIENT, "the access token is for another patient");
        }
        return id;
    }

    static Bundle response(Bundle request, DepositReceipt receipt, AccountId patient) {
        Map<String, RecordSummary> byFhirId = new HashMap<>();
        receipt.records().forEach(r -> byFhirId.put(r.fhirId(), r));
        Bundle out = new Bundle().setType(BundleType.TRANSACTIONRESPONSE);
        out.setId(receipt.depositId().toString());
        for (BundleEntryComponent e : request.getEntry()) {
            var entry = out.addEntry().getResponse();
            RecordSummary r = e.hasResource() ? byFhirId.get(entryId(e)) : null;
            if (r == null) {
                entry.setStatus("200 OK").setOutcome(new OperationOutcome().addIssue(
                        new OperationOutcome.OperationOutcomeIssueComponent()
                                .setSeverity(OperationOutcome.IssueSeverity.INFORMATION)
                                .setCode(OperationOutcome.IssueType.INFORMATIONAL)
                                .setDiagnostics("referenced directory resource: not stored as patient data")));
                continue;
            }
            String location = "Patient".equals(r.resourceType())
                    ? "Patient/" + patient
                    : r.resourceType() + "/" + r.id();
            entry.setStatus(receipt.replayed() ? "200 OK" : "201 Created").setLocation(location + "/_history/1")
                    .setEtag("W/\"1\"").setLastModified(Date.from(r.depositedAt()));
        }
        return out;
    }

    private static String entryId(BundleEntryComponent e) {
        String id = e.getResource().getIdElement().getIdPart();
        if (id != null && !id.isEmpty()) {
            return id;
        }
        String full = e.getFullUrl();
        return full != null && full.startsWith("urn:uuid:") ? full.substring(9) : null;
    }
}
