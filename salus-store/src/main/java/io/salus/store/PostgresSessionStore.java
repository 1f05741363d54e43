package io.salus.store;

import io.salus.core.account.AccountId;
import io.salus.core.merkle.Hash32;
import io.salus.core.port.SessionStore;
import io.salus.store.internal.Sql;
import io.salus.store.internal.Transactions;
import java.time.Instant;
import java.util.Optional;
import org.jdbi.v3.core.Jdbi;

/**
 * The portal's sessions in PostgreSQL ({@code portal_session}, V125): any instance of the node behind a load
 * balancer finds a session another opened (decision 0031). Only the SHA-256 of the session id is stored.
 * Thread-safe.
 */
public final class PostgresSessionStore implements SessionStore {
    private final Transactions tx;

    public PostgresSessionStore(Jdbi jdbi) {
        this.tx = new Transactions(jdbi);
    }

    @Override
    public void put(Stored s) {
        tx.inTransaction("open a portal session", h -> h.createUpdate("""
                INSERT INTO portal_session (id_hash, account, token_hash, csrf_token, signed_in_at, last_seen)
                VALUES (:id, :account, :token, :csrf, :signedIn, :lastSeen)""")
                .bind("id", s.idHash()).bind("account", s.account().value()).bind("token", s.tokenHash().hex())
                .bind("csrf", s.csrfToken()).bind("signedIn", Sql.ts(s.signedInAt()))
                .bind("lastSeen", Sql.ts(s.lastSeen())).execute());
    }

    @Override
    public Optional<Stored> find(String idHash) {
        return tx.inTransaction("read a portal session", h -> h.createQuery("""
                SELECT id_hash, account, token_hash, csrf_token, signed_in_at, last_seen FROM portal_session
                WHERE id_hash = :id""").bind("id", idHash)
                .map((rs, ctx) -> new Stored(rs.getString("id_hash"), new AccountId(Sql.uuid(rs, "account")),
                        Hash32.fromHex(rs.getString("token_hash")), rs.getString("csrf_token"),
                        Sql.instant(rs, "signed_in_at"), Sql.instant(rs, "last_seen")))
                .findOne());
    }

    @Override
    public void touch(String idHash, Instant at) {
        tx.inTransaction("mark a portal session used", h -> h.createUpdate("""
                UPDATE portal_session SET last_seen = :at WHERE id_hash = :id AND last_seen < :at""")
                .bind("id", idHash).bind("at", Sql.ts(at)).execute());
    }

    @Override
    public void remove(String idHash) {
        tx.inTransaction("end a portal session", h -> h.createUpdate("DELETE FROM portal_session WHERE id_hash = :id")
                .bind("id", idHash).execute());
    }

    @Override
    public void removeIdleSince(Instant cutoff) {
        tx.inTransaction("end idle portal sessions", h -> h.createUpdate(
                "DELETE FROM portal_session WHERE last_seen < :cutoff").bind("cutoff", Sql.ts(cutoff)).execute());
    }

    @Override
    public int size() {
        return tx.inTransaction("count portal sessions", h -> h.createQuery("SELECT count(*) FROM portal_session")
                .mapTo(Integer.class).one());
    }
}
