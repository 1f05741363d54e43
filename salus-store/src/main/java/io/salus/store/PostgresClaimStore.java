package io.salus.store;

import io.salus.core.account.AccountId;
import io.salus.core.claims.Adjudication;
import io.salus.core.claims.ClaimReason;
import io.salus.core.claims.CoveragePlan;
import io.salus.core.claims.StoredClaim;
import io.salus.core.merkle.Hash32;
import io.salus.core.outbox.OutboxMessage;
import io.salus.core.port.ClaimStore;
import io.salus.core.port.KeyManager;
import io.salus.store.internal.OutboxRows;
import io.salus.store.internal.Sql;
import io.salus.store.internal.Transactions;
import java.nio.charset.StandardCharsets;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.UUID;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;

/**
 * Coverage plans and claims in PostgreSQL (migration V105). The Claim, the ClaimResponse and what a claim approved per
 * service are sealed under the KEK, bound to the claim; a claim is stored with its outbox message in one transaction.
 * Thread-safe.
 */
public final class PostgresClaimStore implements ClaimStore {
    private static final String CLAIM = """
            SELECT id, patient, provider, insurer, coverage, submitted_at, outcome, approved_total, reasons,
                sealed_claim, sealed_response, digest, salt, anchor_tx, payout_tx FROM claim""";
    private final Transactions tx;
    private final KeyManager keys;

    public PostgresClaimStore(Jdbi jdbi, KeyManager keys) {
        this.tx = new Transactions(jdbi);
        this.keys = keys;
    }

    @Override
    public void saveCoverage(CoveragePlan p) {
        tx.inTransaction("save coverage", h -> {
            h.createUpdate("""
                    INSERT INTO claim_coverage (id, insurer, patient, starts_on, ends_on)
                    VALUES (:id, :i, :p, :s, :e)""").bind("id", p.id()).bind("i", p.insurer().value())
                    .bind("p", p.patient().value()).bind("s", p.start()).bind("e", p.end()).execute();
            for (Map.Entry<String, Long> l : p.limits().entrySet()) {
                h.createUpdate("INSERT INTO claim_coverage_service (coverage, service, max_amount) VALUES (:c, :s, :m)")
                        .bind("c", p.id()).bind("s", l.getKey()).bind("m", l.getValue()).execute();
            }
            return null;
        });
    }

    @Override
    public Optional<CoveragePlan> coverage(UUID id) {
        return tx.inTransaction("read coverage", h -> coverages(h, "WHERE id = :x", id, 1).stream().findFirst());
    }

    @Override
    public List<CoveragePlan> coveragesOf(AccountId party, int limit) {
        return tx.inTransaction("list coverages", h -> coverages(h, "WHERE insurer = :x OR patient = :x",
                party.value(), limit));
    }

    private static List<CoveragePlan> coverages(Handle h, String where, UUID x, int limit) {
        return h.createQuery("SELECT id, insurer, patient, starts_on, ends_on FROM claim_coverage " + where
                + " ORDER BY seq DESC LIMIT :n").bind("x", x).bind("n", limit).map((rs, ctx) -> {
                    UUID id = Sql.uuid(rs, "id");
                    Map<String, Long> limits = new TreeMap<>();
                    h.createQuery("SELECT service, max_amount FROM claim_coverage_service WHERE coverage = :c")
                            .bind("c", id).map((r2, c2) -> Map.entry(r2.getString("service"),
                                    r2.getLong("max_amount")))
                            .forEach(e -> limits.put(e.getKey(), e.getValue()));
                    return new CoveragePlan(id, new AccountId(Sql.uuid(rs, "insurer")),
                            new AccountId(Sql.uuid(rs, "patient")), rs.getObject("starts_on",
                                    java.time.LocalDate.class),
                            rs.getObject("ends_on", java.time.LocalDate.class), limits);
                }).list();
    }

    @Override
    public Map<String, Long> approvedSoFar(UUID coverage) {
        return tx.inTransaction("sum approved claims", h -> {
            Map<String, Long> sum = new HashMap<>();
            h.createQuery("SELECT id, sealed_approved FROM claim WHERE coverage = :c AND outcome = 'APPROVED'")
                    .bind("c", coverage).map((rs, ctx) -> open(rs.getBytes("sealed_approved"), "approved",
                            Sql.uuid(rs, "id")))
                    .forEach(text -> text.lines().filter(l -> !l.isEmpty()).forEach(l -> {
                        String[] f = l.split("\t", 2);
                        sum.merge(f[0], Long.parseLong(f[1]), Long::sum);
                    }));
            return sum;
        });
    }

    @Override
    public void saveClaim(StoredClaim c, Map<String, Long> approvedByService, OutboxMessage settle) {
        StringBuilder approved = new StringBuilder();
        new TreeMap<>(approvedByService).forEach((s, a) -> approved.append(s).append('\t').append(a).append('\n'));
        tx.inTransaction("save claim", h -> {
            h.createUpdate("""
                    INSERT INTO claim (id, patient, provider, insurer, coverage, submitted_at, outcome, approved_total,
                        reasons, sealed_claim, sealed_response, sealed_approved, digest, salt)
                    VALUES (:id, :p, :pr, :i, :c, :at, :o, :t, :r, :claim, :resp, :appr, :d, :s)""")
                    .bind("id", c.id()).bind("p", c.patient().value()).bind("pr", c.provider().value())
                    .bind("i", c.insurer().value()).bind("c", c.coverage()).bind("at", Sql.ts(c.submittedAt()))
                    .bind("o", c.outcome().name()).bind("t", c.approvedTotal())
                    .bind("r", Sql.textArray(c.reasons().stream().map(ClaimReason::name).toList()))
                    .bind("claim", keys.sealValue(c.claimJson(), aad("claim", c.id())))
                    .bind("resp", keys.sealValue(c.responseJson(), aad("response", c.id())))
                    .bind("appr", keys.sealValue(approved.toString().getBytes(StandardCharsets.UTF_8),
                            aad("approved", c.id())))
                    .bind("d", c.digest().bytes()).bind("s", c.salt().bytes()).execute();
            OutboxRows.enqueue(h, settle, c.submittedAt());
            return null;
        });
    }

    @Override
    public Optional<StoredClaim> claim(UUID id) {
        return tx.inTransaction("read claim", h -> h.createQuery(CLAIM + " WHERE id = :id").bind("id", id)
                .map((rs, ctx) -> claim(rs)).findOne());
    }

    @Override
    public List<StoredClaim> claimsOf(AccountId party, int limit) {
        return tx.inTransaction("list claims", h -> h.createQuery(CLAIM
                + " WHERE patient = :a OR provider = :a OR insurer = :a ORDER BY seq DESC LIMIT :n")
                .bind("a", party.value()).bind("n", limit).map((rs, ctx) -> claim(rs)).list());
    }

    @Override
    public void markAnchored(UUID id, String txHash) {
        tx.inTransaction("mark claim anchored", h -> h.createUpdate(
                "UPDATE claim SET anchor_tx = :t WHERE id = :id AND anchor_tx IS NULL").bind("t", txHash)
                .bind("id", id).execute());
    }

    @Override
    public void markPaid(UUID id, String txHash) {
        tx.inTransaction("mark claim paid", h -> h.createUpdate(
                "UPDATE claim SET payout_tx = :t WHERE id = :id AND payout_tx IS NULL").bind("t", txHash)
                .bind("id", id).execute());
    }

    private StoredClaim claim(ResultSet rs) throws SQLException {
        UUID id = Sql.uuid(rs, "id");
        List<ClaimReason> reasons = Arrays.stream(Sql.textArray(rs, "reasons")).map(ClaimReason::valueOf).toList();
        return new StoredClaim(id, new AccountId(Sql.uuid(rs, "patient")), new AccountId(Sql.uuid(rs, "provider")),
                new AccountId(Sql.uuid(rs, "insurer")), Sql.uuid(rs, "coverage"), Sql.instant(rs, "submitted_at"),
                Adjudication.Outcome.valueOf(rs.getString("outcome")), rs.getLong("approved_total"), reasons,
                keys.openValue(rs.getBytes("sealed_claim"), aad("claim", id)).orElseThrow(),
                keys.openValue(rs.getBytes("sealed_response"), aad("response", id)).orElseThrow(),
                Sql.hash(rs, "digest"), Sql.hash(rs, "salt"), Optional.ofNullable(rs.getString("anchor_tx")),
                Optional.ofNullable(rs.getString("payout_tx")));
    }

    private String open(byte[] sealed, String what, UUID claim) {
        return new String(keys.openValue(sealed, aad(what, claim)).orElseThrow(), StandardCharsets.UTF_8);
    }

    /** What a claim's sealed values are bound to (also read by the KEK retirement pass). */
    static byte[] aad(String what, UUID claim) {
        return ("salus:claim:" + what + ":" + claim).getBytes(StandardCharsets.UTF_8);
    }
}
