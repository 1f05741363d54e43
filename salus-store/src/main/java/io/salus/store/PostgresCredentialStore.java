package io.salus.store;

import io.salus.core.account.EvmAddress;
import io.salus.core.consent.AttestationType;
import io.salus.core.credential.IssuedCredential;
import io.salus.core.credential.NonceUse;
import io.salus.core.credential.PresentedCredential;
import io.salus.core.port.CredentialStore;
import io.salus.store.internal.Sql;
import io.salus.store.internal.Transactions;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.BitSet;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;

/**
 * Credentials in PostgreSQL (tables {@code credential}, {@code credential_status_counter},
 * {@code credential_status_list}, {@code presentation_nonce}, {@code credential_presentation}). A nonce is used and its
 * presentation stored in one transaction, with the nonce row locked, so two presentations cannot both use it.
 * Thread-safe.
 */
public final class PostgresCredentialStore implements CredentialStore {
    /** How long after expiring an unused nonce is kept (never usable again, only kept against clock skew). */
    static final java.time.Duration PURGE_AFTER = java.time.Duration.ofDays(1);
    private static final String CREDENTIAL = """
            SELECT id, issuer, subject, type, status_index, attestation_id, issued_at, expires_at, revoked_at
              FROM credential""";
    private static final String PRESENTATION = """
            SELECT id, credential_id, holder, issuer, type, purposes, disclosed::text AS disclosed, valid_from,
                   valid_until, status_uri, status_index, attestation_id, presented_at
              FROM credential_presentation""";
    private final Transactions tx;

    public PostgresCredentialStore(Jdbi jdbi) {
        this.tx = new Transactions(jdbi);
    }

    @Override
    public IssuedCredential reserve(String id, EvmAddress issuer, EvmAddress subject, AttestationType type,
            Instant issuedAt, Instant expiresAt) {
        return tx.inTransaction("reserve a credential", h -> {
            int index = h.createQuery("""
                    INSERT INTO credential_status_counter (issuer, next_index) VALUES (:i, 1)
                    ON CONFLICT (issuer) DO UPDATE SET next_index = credential_status_counter.next_index + 1
                    RETURNING next_index - 1""").bind("i", issuer.hex()).mapTo(Integer.class).one();
            h.createUpdate("""
                    INSERT INTO credential (id, issuer, subject, type, status_index, issued_at, expires_at)
                    VALUES (:id, :issuer, :subject, :type, :idx, :issued, :expires)""")
                    .bind("id", id).bind("issuer", issuer.hex()).bind("subject", subject.hex())
                    .bind("type", type.name()).bind("idx", index).bind("issued", Sql.ts(issuedAt))
                    .bind("expires", Sql.ts(expiresAt)).execute();
            return new IssuedCredential(id, issuer, subject, type, index, Optional.empty(), Sql.micros(issuedAt),
                    Sql.micros(expiresAt), Optional.empty());
        });
    }

    @Override
    public void linkAttestation(String id, long attestationId) {
        tx.inTransaction("link a credential to its attestation", h -> h
                .createUpdate("UPDATE credential SET attestation_id = :a WHERE id = :id")
                .bind("a", attestationId).bind("id", id).execute());
    }

    @Override
    public void discard(String id) {
        tx.inTransaction("discard a credential reservation",
                h -> h.createUpdate("DELETE FROM credential WHERE id = :id AND attestation_id IS NULL")
                        .bind("id", id).execute());
    }

    @Override
    public Optional<IssuedCredential> credential(String id) {
        return tx.inTransaction("find a credential", h -> h.createQuery(CREDENTIAL + " WHERE id = :id")
                .bind("id", id).map((rs, ctx) -> credential(rs)).findOne());
    }

    @Override
    public void markRevoked(String id, Instant at) {
        tx.inTransaction("revoke a credential", h -> h
                .createUpdate("UPDATE credential SET revoked_at = COALESCE(revoked_at, :at) WHERE id = :id")
                .bind("at", Sql.ts(at)).bind("id", id).execute());
    }

    @Override
    public BitSet revokedIndexes(EvmAddress issuer) {
        return tx.inTransaction("read revoked status indexes", h -> {
            BitSet bits = new BitSet();
            h.createQuery("SELECT status_index FROM credential WHERE issuer = :i AND revoked_at IS NOT NULL")
                    .bind("i", issuer.hex()).mapTo(Integer.class).forEach(bits::set);
            return bits;
        });
    }

    @Override
    public void saveStatusList(EvmAddress issuer, String token, Instant at) {
        tx.inTransaction("save a status list", h -> h.createUpdate("""
                INSERT INTO credential_status_list (issuer, token, updated_at) VALUES (:i, :t, :at)
                ON CONFLICT (issuer) DO UPDATE SET token = excluded.token, updated_at = excluded.updated_at""")
                .bind("i", issuer.hex()).bind("t", token).bind("at", Sql.ts(at)).execute());
    }

    @Override
    public Optional<String> statusList(EvmAddress issuer) {
        return tx.inTransaction("read a status list",
                h -> h.createQuery("SELECT token FROM credential_status_list WHERE issuer = :i")
                        .bind("i", issuer.hex()).mapTo(String.class).findOne());
    }

    @Override
    public Set<Long> credentialAttestations(EvmAddress subject) {
        return tx.inTransaction("list credential attestations", h -> new HashSet<>(h.createQuery(
                "SELECT attestation_id FROM credential WHERE subject = :s AND attestation_id IS NOT NULL")
                .bind("s", subject.hex()).mapTo(Long.class).list()));
    }

    @Override
    public void saveNonce(String nonce, EvmAddress account, Instant expiresAt) {
        tx.inTransaction("save a presentation nonce", h -> {
            // nonces live minutes: unused ones that expired a day before this one's expiry can never be used again
            h.createUpdate("DELETE FROM presentation_nonce WHERE used_at IS NULL AND expires_at < :cutoff")
                    .bind("cutoff", Sql.ts(expiresAt.minus(PURGE_AFTER))).execute();
            return h.createUpdate(
                    "INSERT INTO presentation_nonce (nonce, account, expires_at) VALUES (:n, :a, :e)")
                    .bind("n", nonce).bind("a", account.hex()).bind("e", Sql.ts(expiresAt)).execute();
        });
    }

    @Override
    public NonceUse recordPresentation(String nonce, EvmAddress account, Instant now, PresentedCredential p) {
        return tx.inTransaction("record a presentation", h -> {
            Optional<NonceRow> row = h.createQuery(
                    "SELECT account, expires_at, used_at FROM presentation_nonce WHERE nonce = :n FOR UPDATE")
                    .bind("n", nonce)
                    .map((rs, ctx) -> new NonceRow(rs.getString("account"), Sql.instant(rs, "expires_at"),
                            rs.getObject("used_at") != null))
                    .findOne();
            if (row.isEmpty() || !row.get().account().equals(account.hex())) {
                return NonceUse.UNKNOWN;
            }
            if (row.get().used()) {
                return NonceUse.ALREADY_USED;
            }
            if (!now.isBefore(row.get().expiresAt())) {
                return NonceUse.UNKNOWN;
            }
            h.createUpdate("UPDATE presentation_nonce SET used_at = :now WHERE nonce = :n")
                    .bind("now", Sql.ts(now)).bind("n", nonce).execute();
            insert(h, p, nonce);
            return NonceUse.ACCEPTED;
        });
    }

    private static void insert(Handle h, PresentedCredential p, String nonce) {
        h.createUpdate("""
                INSERT INTO credential_presentation (id, credential_id, holder, issuer, type, purposes, disclosed,
                       valid_from, valid_until, status_uri, status_index, attestation_id, nonce, presented_at)
                VALUES (:id, :cred, :holder, :issuer, :type, :purposes, CAST(:disclosed AS jsonb), :from, :until,
                       :uri, :idx, :att, :nonce, :at)""")
                .bind("id", p.id()).bind("cred", p.credentialId()).bind("holder", p.holder().hex())
                .bind("issuer", p.issuer().hex()).bind("type", p.type().name()).bind("purposes", p.purposes())
                .bind("disclosed", p.disclosedJson()).bind("from", Sql.ts(p.validFrom()))
                .bind("until", Sql.ts(p.validUntil())).bind("uri", p.statusUri()).bind("idx", p.statusIndex())
                .bind("att", p.attestationId()).bind("nonce", nonce).bind("at", Sql.ts(p.presentedAt())).execute();
    }

    @Override
    public List<PresentedCredential> presentationsBy(EvmAddress holder) {
        return tx.inTransaction("list presentations", h -> h
                .createQuery(PRESENTATION + " WHERE holder = :h ORDER BY presented_at, id").bind("h", holder.hex())
                .map((rs, ctx) -> presentation(rs)).list());
    }

    private static IssuedCredential credential(ResultSet rs) throws SQLException {
        return new IssuedCredential(rs.getString("id"), new EvmAddress(rs.getString("issuer")),
                new EvmAddress(rs.getString("subject")), AttestationType.valueOf(rs.getString("type")),
                rs.getInt("status_index"), Sql.optionalLong(rs, "attestation_id"), Sql.instant(rs, "issued_at"),
                Sql.instant(rs, "expires_at"),
                rs.getObject("revoked_at") == null ? Optional.empty() : Optional.of(Sql.instant(rs, "revoked_at")));
    }

    private static PresentedCredential presentation(ResultSet rs) throws SQLException {
        return new PresentedCredential(rs.getString("id"), rs.getString("credential_id"),
                new EvmAddress(rs.getString("holder")), new EvmAddress(rs.getString("issuer")),
                AttestationType.valueOf(rs.getString("type")), rs.getInt("purposes"), rs.getString("disclosed"),
                Sql.instant(rs, "valid_from"), Sql.instant(rs, "valid_until"), rs.getString("status_uri"),
                rs.getInt("status_index"), rs.getLong("attestation_id"), Sql.instant(rs, "presented_at"));
    }

    private record NonceRow(String account, Instant expiresAt, boolean used) {
    }
}
