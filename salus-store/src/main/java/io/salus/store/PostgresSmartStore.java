package io.salus.store;

import io.salus.core.account.AccountId;
import io.salus.core.error.SalusException;
import io.salus.core.merkle.Hash32;
import io.salus.core.smart.Scopes;
import io.salus.core.smart.SmartClient;
import io.salus.core.smart.SmartGrant;
import io.salus.core.smart.SmartStore;
import io.salus.store.internal.Sql;
import io.salus.store.internal.Transactions;
import java.sql.Array;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;

/**
 * The SMART authorization server's state in PostgreSQL (migration V20). Using a code or a refresh token is one
 * {@code UPDATE ... RETURNING} of the row's previous use time under a row lock, so of two concurrent uses exactly one
 * is the first. Thread-safe.
 */
public final class PostgresSmartStore implements SmartStore {
    private static final String GRANT = "g.id, g.client_id, g.patient, g.scopes, g.approved_at, g.revoked_at";
    private final Transactions tx;

    public PostgresSmartStore(Jdbi jdbi) {
        this.tx = new Transactions(jdbi);
    }

    @Override
    public void saveClient(SmartClient c) {
        tx.inTransaction("register a SMART client", h -> h.createUpdate("""
                INSERT INTO smart_client (client_id, name, secret_hash, redirect_uris, allowed_scopes, registered_at)
                VALUES (:id, :name, :secret, :uris, :scopes, :at)""")
                .bind("id", c.clientId()).bind("name", c.name())
                .bind("secret", c.secretHash().map(Hash32::bytes).orElse(null))
                .bind("uris", Sql.textArray(c.redirectUris())).bind("scopes", c.allowed().text())
                .bind("at", Sql.ts(c.registeredAt())).execute());
    }

    @Override
    public Optional<SmartClient> client(String clientId) {
        return tx.inTransaction("read a SMART client", h -> h.createQuery("SELECT * FROM smart_client WHERE "
                + "client_id = :id").bind("id", clientId).map((rs, ctx) -> new SmartClient(rs.getString("client_id"),
                        rs.getString("name"), Optional.ofNullable(rs.getBytes("secret_hash")).map(Hash32::of),
                        texts(rs.getArray("redirect_uris")), scopes(rs.getString("allowed_scopes")),
                        Sql.instant(rs, "registered_at")))
                .findOne());
    }

    @Override
    public void saveGrant(SmartGrant g, Hash32 codeHash, CodeBinding b) {
        tx.inTransaction("store a SMART grant", h -> {
            h.createUpdate("""
                    INSERT INTO smart_grant (id, client_id, patient, scopes, approved_at)
                    VALUES (:id, :client, :patient, :scopes, :at)""")
                    .bind("id", g.id()).bind("client", g.clientId()).bind("patient", g.patient().value())
                    .bind("scopes", g.scopes().text()).bind("at", Sql.ts(g.approvedAt())).execute();
            return h.createUpdate("""
                    INSERT INTO smart_code (code_hash, grant_id, redirect_uri, code_challenge, expires_at)
                    VALUES (:code, :grant, :uri, :challenge, :exp)""")
                    .bind("code", codeHash.bytes()).bind("grant", g.id()).bind("uri", b.redirectUri())
                    .bind("challenge", b.codeChallenge()).bind("exp", Sql.ts(b.expiresAt())).execute();
        });
    }

    @Override
    public Optional<UsedCode> useCode(Hash32 codeHash, Instant now) {
        return tx.inTransaction("use an authorization code", h -> h.createQuery("""
                SELECT c.redirect_uri, c.code_challenge, c.expires_at, c.used_at, c.grant_id
                FROM smart_code c WHERE c.code_hash = :code FOR UPDATE""").bind("code", codeHash.bytes())
                .map((rs, ctx) -> new Object[]{new CodeBinding(rs.getString("redirect_uri"),
                        rs.getString("code_challenge"), Sql.instant(rs, "expires_at")),
                        rs.getObject("used_at") == null, Sql.uuid(rs, "grant_id")})
                .findOne().map(row -> {
                    if ((Boolean) row[1]) {
                        h.createUpdate("UPDATE smart_code SET used_at = :now WHERE code_hash = :code")
                                .bind("now", Sql.ts(now)).bind("code", codeHash.bytes()).execute();
                    }
                    return new UsedCode(grant(h, (UUID) row[2]).orElseThrow(), (CodeBinding) row[0],
                            (Boolean) row[1]);
                }));
    }

    @Override
    public void saveRefreshToken(Hash32 tokenHash, UUID grantId, Instant expiresAt) {
        tx.inTransaction("store a refresh token", h -> h.createUpdate("""
                INSERT INTO smart_refresh_token (token_hash, grant_id, expires_at) VALUES (:t, :g, :exp)""")
                .bind("t", tokenHash.bytes()).bind("g", grantId).bind("exp", Sql.ts(expiresAt)).execute());
    }

    @Override
    public Optional<UsedRefresh> useRefreshToken(Hash32 tokenHash, Instant now) {
        return tx.inTransaction("use a refresh token", h -> refresh(h, tokenHash, true).map(r -> {
            if (r.firstUse()) {
                h.createUpdate("UPDATE smart_refresh_token SET rotated_at = :now WHERE token_hash = :t")
                        .bind("now", Sql.ts(now)).bind("t", tokenHash.bytes()).execute();
            }
            return r;
        }));
    }

    @Override
    public Optional<UsedRefresh> findRefreshToken(Hash32 tokenHash) {
        return tx.inTransaction("read a refresh token", h -> refresh(h, tokenHash, false));
    }

    @Override
    public Optional<SmartGrant> grant(UUID grantId) {
        return tx.inTransaction("read a SMART grant", h -> grant(h, grantId));
    }

    @Override
    public void revokeGrant(UUID grantId, Instant now) {
        tx.inTransaction("revoke a SMART grant", h -> h.createUpdate(
                "UPDATE smart_grant SET revoked_at = :now WHERE id = :id AND revoked_at IS NULL")
                .bind("now", Sql.ts(now)).bind("id", grantId).execute());
    }

    @Override
    public void revokeAccessToken(String tokenId, Instant expiresAt) {
        tx.inTransaction("revoke an access token", h -> {
            // purge revocations of tokens that expired at least a day before this one: access tokens live far less
            h.createUpdate("DELETE FROM smart_revoked_access_token WHERE expires_at < :now")
                    .bind("now", Sql.ts(Instant.ofEpochSecond(expiresAt.getEpochSecond() - 86_400))).execute();
            return h.createUpdate("""
                    INSERT INTO smart_revoked_access_token (token_id, expires_at) VALUES (:id, :exp)
                    ON CONFLICT (token_id) DO NOTHING""").bind("id", tokenId).bind("exp", Sql.ts(expiresAt))
                    .execute();
        });
    }

    @Override
    public boolean accessTokenRevoked(String tokenId) {
        return tx.inTransaction("check an access token", h -> h.createQuery(
                "SELECT 1 FROM smart_revoked_access_token WHERE token_id = :id").bind("id", tokenId)
                .mapTo(Integer.class).findOne().isPresent());
    }

    private static Optional<UsedRefresh> refresh(Handle h, Hash32 tokenHash, boolean lock) {
        return h.createQuery("SELECT grant_id, expires_at, rotated_at FROM smart_refresh_token WHERE token_hash = :t"
                + (lock ? " FOR UPDATE" : "")).bind("t", tokenHash.bytes())
                .map((rs, ctx) -> new Object[]{Sql.uuid(rs, "grant_id"), Sql.instant(rs, "expires_at"),
                        rs.getObject("rotated_at") == null})
                .findOne().map(row -> new UsedRefresh(grant(h, (UUID) row[0]).orElseThrow(), (Instant) row[1],
                        (Boolean) row[2]));
    }

    private static Optional<SmartGrant> grant(Handle h, UUID id) {
        return h.createQuery("SELECT " + GRANT + " FROM smart_grant g WHERE g.id = :id").bind("id", id)
                .map((rs, ctx) -> grantRow(rs)).findOne();
    }

    private static SmartGrant grantRow(ResultSet rs) throws SQLException {
        return new SmartGrant(Sql.uuid(rs, "id"), rs.getString("client_id"), new AccountId(Sql.uuid(rs, "patient")),
                scopes(rs.getString("scopes")), Sql.instant(rs, "approved_at"),
                Optional.ofNullable(Sql.instant(rs, "revoked_at")));
    }

    private static Scopes scopes(String text) {
        return Scopes.parse(text).map(s -> s).orElseThrow();
    }

    private static List<String> texts(Array a) throws SQLException {
        if (a == null) {
            throw new SalusException("a SMART client without redirect URIs");
        }
        return List.of((String[]) a.getArray());
    }
}
