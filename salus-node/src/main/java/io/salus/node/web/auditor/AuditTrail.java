package io.salus.node.web.auditor;

import io.salus.core.usecase.consent.AuditVerifier;
import java.util.List;

/**
 * An audit trail checked against the chain, for one patient or one requester (a consumer, a provider): its rows and
 * the tally. {@link #verified()} holds only when no row is a mismatch or missing on chain.
 */
public record AuditTrail(Subject subject, String subjectId, List<AuditRow> rows, long good, long bad, long pending) {

    /** Whose trail it is. */
    public enum Subject {
        PATIENT,
        REQUESTER
    }

    public AuditTrail {
        rows = List.copyOf(rows);
    }

    public static AuditTrail of(Subject subject, String subjectId, List<AuditVerifier.Check> checks) {
        List<AuditRow> rows = checks.stream().map(AuditRow::of).toList();
        return new AuditTrail(subject, subjectId, rows, count(rows, AuditRow.Kind.OK), count(rows, AuditRow.Kind.BAD),
                count(rows, AuditRow.Kind.WAIT));
    }

    public boolean verified() {
        return bad == 0;
    }

    /** One line for the top of the page. */
    public String summary() {
        if (rows.isEmpty()) {
            return "No audit entries.";
        }
        return rows.size() + " entries: " + good + " verified, " + bad + " failing, " + pending + " pending."
                + (bad == 0 ? " The trail matches the chain." : " The trail does NOT match the chain.");
    }

    private static long count(List<AuditRow> rows, AuditRow.Kind kind) {
        return rows.stream().filter(r -> r.kind() == kind).count();
    }
}
