package io.salus.store;

import io.salus.core.account.AccountId;
import io.salus.core.consent.AttestationType;
import io.salus.core.emergency.BreakGlassAccess;
import io.salus.core.emergency.BreakGlassReview;
import io.salus.core.emergency.EmergencyNotice;
import io.salus.core.monitoring.Recipient;
import io.salus.core.port.EmergencyStore;
import io.salus.core.port.KeyManager;
import io.salus.store.internal.Sql;
import io.salus.store.internal.Transactions;
import java.nio.charset.StandardCharsets;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * Emergency access in PostgreSQL (migration V50): opt-outs, accesses with their reviews, notices. Justifications,
 * review notes and notice texts are sealed under the KEK, bound to their access (and recipient). Thread-safe.
 */
public final class PostgresEmergencyStore implements EmergencyStore {
    private static final String ACCESS = """
            SELECT id, responder, patient, sealed_justification, credential_type, attestation_id, opened_at,
                expires_at, audit_entries, tx_hash, reviewer, justified, sealed_review_note, reviewed_at
            FROM break_glass_access""";
    private final Transactions tx;
    private final KeyManager keys;

    public PostgresEmergencyStore(org.jdbi.v3.core.Jdbi jdbi, KeyManager keys) {
        this.tx = new Transactions(jdbi);
        this.keys = keys;
    }

    @Override
    public boolean optedOut(AccountId patient) {
        return tx.inTransaction("read emergency opt-out", h -> h.createQuery(
                "SELECT opted_out FROM emergency_opt_out WHERE patient = :p").bind("p", patient.value())
                .mapTo(Boolean.class).findOne().orElse(false));
    }

    @Override
    public void setOptedOut(AccountId patient, boolean optedOut, Instant at) {
        tx.inTransaction("save emergency opt-out", h -> h.createUpdate("""
                INSERT INTO emergency_opt_out (patient, opted_out, changed_at) VALUES (:p, :o, :at)
                ON CONFLICT (patient) DO UPDATE SET opted_out = excluded.opted_out, changed_at = excluded.changed_at""")
                .bind("p", patient.value()).bind("o", optedOut).bind("at", Sql.ts(at)).execute());
    }

    @Override
    public void open(BreakGlassAccess a, List<EmergencyNotice> notices) {
        tx.inTransaction("record emergency access", h -> {
            h.createUpdate("""
                    INSERT INTO break_glass_access (id, responder, patient, sealed_justification, credential_type,
                        attestation_id, opened_at, expires_at, audit_entries, tx_hash)
                    VALUES (:id, :r, :p, :j, :type, :att, :opened, :expires, :entries, :tx)""")
                    .bind("id", a.id()).bind("r", a.responder().value()).bind("p", a.patient().value())
                    .bind("j", seal(a.justification(), "justification", a.id(), null))
                    .bind("type", a.credentialType().name()).bind("att", a.attestationId())
                    .bind("opened", Sql.ts(a.openedAt())).bind("expires", Sql.ts(a.expiresAt()))
                    .bind("entries", Sql.uuidArray(a.auditEntries())).bind("tx", a.txHash()).execute();
            for (EmergencyNotice n : notices) {
                h.createUpdate("""
                        INSERT INTO emergency_notice (access, recipient, role, patient, at, sealed_text)
                        VALUES (:a, :r, :role, :p, :at, :text)""")
                        .bind("a", n.access()).bind("r", n.recipient().value()).bind("role", n.role().name())
                        .bind("p", n.patient().value()).bind("at", Sql.ts(n.at()))
                        .bind("text", seal(n.text(), "notice", n.access(), n.recipient())).execute();
            }
            return null;
        });
    }

    @Override
    public Optional<BreakGlassAccess> find(UUID access) {
        return tx.inTransaction("read emergency access", h -> h.createQuery(ACCESS + " WHERE id = :id")
                .bind("id", access).map((rs, ctx) -> access(rs)).findOne());
    }

    @Override
    public List<BreakGlassAccess> forPatient(AccountId patient, int limit) {
        return tx.inTransaction("list emergency accesses", h -> h.createQuery(ACCESS
                + " WHERE patient = :p ORDER BY opened_at DESC, seq DESC LIMIT :n").bind("p", patient.value())
                .bind("n", limit).map((rs, ctx) -> access(rs)).list());
    }

    @Override
    public List<BreakGlassAccess> unreviewed(int limit) {
        return tx.inTransaction("list unreviewed emergency accesses", h -> h.createQuery(ACCESS
                + " WHERE reviewer IS NULL ORDER BY seq LIMIT :n").bind("n", limit).map((rs, ctx) -> access(rs))
                .list());
    }

    @Override
    public boolean review(UUID access, BreakGlassReview r) {
        return tx.inTransaction("review emergency access", h -> h.createUpdate("""
                UPDATE break_glass_access SET reviewer = :r, justified = :j, sealed_review_note = :note,
                    reviewed_at = :at WHERE id = :id AND reviewer IS NULL""")
                .bind("r", r.reviewer().value()).bind("j", r.justified())
                .bind("note", seal(r.note(), "review", access, null)).bind("at", Sql.ts(r.at())).bind("id", access)
                .execute() == 1);
    }

    @Override
    public List<EmergencyNotice> noticesFor(AccountId recipient, int limit) {
        return tx.inTransaction("list emergency notices", h -> h.createQuery("""
                SELECT access, recipient, role, patient, at, sealed_text FROM emergency_notice
                WHERE recipient = :r ORDER BY at DESC, id DESC LIMIT :n""").bind("r", recipient.value())
                .bind("n", limit).map((rs, ctx) -> {
                    UUID access = Sql.uuid(rs, "access");
                    return new EmergencyNotice(access, recipient, Recipient.Role.valueOf(rs.getString("role")),
                            new AccountId(Sql.uuid(rs, "patient")), Sql.instant(rs, "at"),
                            open(rs.getBytes("sealed_text"), "notice", access, recipient));
                }).list());
    }

    private BreakGlassAccess access(ResultSet rs) throws SQLException {
        UUID id = Sql.uuid(rs, "id");
        UUID reviewer = Sql.uuid(rs, "reviewer");
        Optional<BreakGlassReview> review = reviewer == null
                ? Optional.empty()
                : Optional.of(new BreakGlassReview(new AccountId(reviewer), rs.getBoolean("justified"),
                        open(rs.getBytes("sealed_review_note"), "review", id, null), Sql.instant(rs, "reviewed_at")));
        UUID[] entries = (UUID[]) rs.getArray("audit_entries").getArray();
        return new BreakGlassAccess(id, new AccountId(Sql.uuid(rs, "responder")),
                new AccountId(Sql.uuid(rs, "patient")), open(rs.getBytes("sealed_justification"), "justification",
                        id, null),
                AttestationType.valueOf(rs.getString("credential_type")), rs.getLong("attestation_id"),
                Sql.instant(rs, "opened_at"), Sql.instant(rs, "expires_at"), Arrays.asList(entries),
                rs.getString("tx_hash"), review);
    }

    private byte[] seal(String text, String what, UUID access, AccountId recipient) {
        return keys.sealValue(text.getBytes(StandardCharsets.UTF_8), aad(what, access, recipient));
    }

    private String open(byte[] sealed, String what, UUID access, AccountId recipient) {
        return new String(keys.openValue(sealed, aad(what, access, recipient)).orElseThrow(),
                StandardCharsets.UTF_8);
    }

    /** What a justification, review note or notice text is sealed with (also read by the KEK retirement pass). */
    static byte[] aad(String what, UUID access, AccountId recipient) {
        return ("salus:emergency:" + what + ":" + access + (recipient == null ? "" : ":" + recipient.value()))
                .getBytes(StandardCharsets.UTF_8);
    }
}
