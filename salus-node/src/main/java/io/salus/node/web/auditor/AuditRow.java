package io.salus.node.web.auditor;

import io.salus.core.consent.AuditEntry;
import io.salus.core.usecase.consent.AuditVerifier;

/**
 * One audit entry as the auditor view shows it, with its verdict against the chain: {@code verified} (the AccessLog
 * event carries the entry's hash, the patient's pseudonym for that access as the node's key makes it, and the same
 * requester, category and purpose; the grant is in the hashed AuditEvent), {@code verified
 * (denial, audited off chain)} (a denial: its stored AuditEvent hashes to its recorded hash; denials never go on
 * chain), {@code MISMATCH: <reason>}, {@code missing on chain} or {@code pending} (the AccessLog transaction is not
 * mined yet).
 */
public record AuditRow(String entryId, String at, String requesterId, String patientId, String category,
        String purpose, String decision, String reason, String txHash, String block, String verdict, Kind kind,
        String detail) {

    /** How the verdict is marked: a good row, a bad row, or one to look at again later. */
    public enum Kind {
        OK,
        BAD,
        WAIT
    }

    public static AuditRow of(AuditVerifier.Check c) {
        AuditEntry e = c.entry();
        String verdict = switch (c.status()) {
            case VERIFIED -> "verified";
            case DENIAL_OFF_CHAIN -> "verified (denial, audited off chain)";
            case MISMATCH -> "MISMATCH: " + c.detail();
            case MISSING_ON_CHAIN -> "missing on chain";
            case PENDING -> "pending";
        };
        Kind kind = switch (c.status()) {
            case VERIFIED, DENIAL_OFF_CHAIN -> Kind.OK;
            case MISMATCH, MISSING_ON_CHAIN -> Kind.BAD;
            case PENDING -> Kind.WAIT;
        };
        return new AuditRow(e.id().toString(), e.at().toString(), e.requester().toString(), e.patient().toString(),
                e.category().name(), e.purpose().name(), e.decision().effect().name(), e.decision().reason(),
                e.txHash().orElse(""), e.block().map(String::valueOf).orElse(""), verdict, kind, c.detail());
    }

    public boolean bad() {
        return kind == Kind.BAD;
    }
}
