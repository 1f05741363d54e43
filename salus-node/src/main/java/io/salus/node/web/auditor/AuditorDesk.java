package io.salus.node.web.auditor;

import io.salus.core.account.Account;
import io.salus.core.account.AccountId;
import io.salus.core.account.AccountKind;
import io.salus.core.error.ErrorCode;
import io.salus.core.error.Failure;
import io.salus.core.error.Result;
import io.salus.core.usecase.consent.AuditVerifier;
import java.util.Optional;

/**
 * What the auditor view does: the audit trail of a patient or of a requester, each entry checked against its AccessLog
 * event by the same {@link AuditVerifier} as {@code GET /audit/patients/{id}} and {@code /audit/requesters/{id}}.
 * Only auditor accounts use the view (the verifier checks again). Thread-safe.
 */
public final class AuditorDesk {
    public static final int LIMIT = 500;
    private final AuditVerifier verifier;

    public AuditorDesk(AuditVerifier verifier) {
        this.verifier = verifier;
    }

    public Result<AuditTrail> trail(Account auditor, AuditTrail.Subject subject, String id) {
        if (auditor.kind() != AccountKind.AUDITOR) {
            return Result.fail(ErrorCode.NOT_AN_AUDITOR, "the auditor view is for auditor accounts");
        }
        Optional<AccountId> subjectId = AccountId.parse(id == null ? "" : id.strip());
        if (subjectId.isEmpty()) {
            return Result.fail(Failure.of(ErrorCode.INVALID_REQUEST, "enter an account id (a UUID)", "subject"));
        }
        var checks = subject == AuditTrail.Subject.PATIENT
                ? verifier.forPatient(auditor, subjectId.get(), LIMIT)
                : verifier.forRequester(auditor, subjectId.get(), LIMIT);
        return checks.map(cs -> AuditTrail.of(subject, subjectId.get().toString(), cs));
    }
}
