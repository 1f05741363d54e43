package io.salus.store;

import io.salus.core.account.EvmAddress;
import io.salus.core.consent.Attestation;
import io.salus.core.consent.ConsentEvent;
import io.salus.core.consent.ConsentEvent.AccessLogged;
import io.salus.core.consent.Delegation;
import io.salus.core.consent.Grant;
import io.salus.core.merkle.Hash32;
import io.salus.core.port.ConsentStore;
import io.salus.store.internal.ConsentEventWriter;
import io.salus.store.internal.ConsentRows;
import io.salus.store.internal.Transactions;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import org.jdbi.v3.core.Jdbi;

/**
 * The consent projection in PostgreSQL (tables {@code consent_grant}, {@code consent_attestation},
 * {@code trusted_issuer}, {@code consent_delegation}, {@code access_log_event}, {@code consent_cursor}). Applying is
 * idempotent and the cursor only moves forward. The {@code forEach} methods stream rows with a bounded fetch size
 * inside one read transaction, calling the sink while it is open. Thread-safe.
 */
public final class PostgresConsentStore implements ConsentStore {
    private static final int FETCH_SIZE = 2_000;
    private final Transactions tx;

    public PostgresConsentStore(Jdbi jdbi) {
        this.tx = new Transactions(jdbi);
    }

    @Override
    public void apply(List<ConsentEvent> events, long uptoBlock) {
        tx.inTransaction("apply consent events up to block " + uptoBlock, h -> {
            ConsentEventWriter.apply(h, events);
            h.createUpdate("""
                    INSERT INTO consent_cursor (id, synced_block) VALUES (true, :block)
                    ON CONFLICT (id) DO UPDATE
                       SET synced_block = GREATEST(consent_cursor.synced_block, excluded.synced_block)""")
                    .bind("block", uptoBlock)
                    .execute();
            return null;
        });
    }

    @Override
    public long syncedBlock() {
        return tx.inTransaction("read the consent cursor",
                h -> h.createQuery("SELECT synced_block FROM consent_cursor").mapTo(Long.class).findOne().orElse(-1L));
    }

    @Override
    public void reset() {
        tx.inTransaction("reset the consent projection", h -> h.execute("""
                TRUNCATE consent_grant, consent_attestation, trusted_issuer, consent_delegation, access_log_event,
                         consent_cursor"""));
    }

    @Override
    public List<Grant> grantsOf(EvmAddress patient) {
        return tx.inTransaction("list grants", h -> h.createQuery(ConsentRows.GRANT + " WHERE patient = :p ORDER BY id")
                .bind("p", patient.hex())
                .map((rs, ctx) -> ConsentRows.grant(rs))
                .list());
    }

    @Override
    public Map<EvmAddress, List<Grant>> grantsOfAll(Collection<EvmAddress> patients) {
        return byPatient("list grants of patients", ConsentRows.GRANT + " WHERE patient = ANY(:p) ORDER BY patient, id",
                patients, ConsentRows::grant);
    }

    @Override
    public Optional<Grant> grant(long grantId) {
        return tx.inTransaction("find grant", h -> h.createQuery(ConsentRows.GRANT + " WHERE id = :id")
                .bind("id", grantId)
                .map((rs, ctx) -> ConsentRows.grant(rs))
                .findOne());
    }

    @Override
    public List<Attestation> attestationsOf(EvmAddress subject) {
        return tx.inTransaction("list attestations",
                h -> h.createQuery(ConsentRows.ATTESTATION + " WHERE subject = :s ORDER BY id")
                        .bind("s", subject.hex())
                        .map((rs, ctx) -> ConsentRows.attestation(rs))
                        .list());
    }

    @Override
    public int trustedTypes(EvmAddress issuer) {
        return tx.inTransaction("read issuer trust",
                h -> h.createQuery("SELECT attestation_types FROM trusted_issuer WHERE issuer = :i")
                        .bind("i", issuer.hex())
                        .mapTo(Integer.class)
                        .findOne()
                        .orElse(0));
    }

    @Override
    public Optional<Delegation> delegation(EvmAddress patient, EvmAddress delegate) {
        return tx.inTransaction("find delegation",
                h -> h.createQuery(ConsentRows.DELEGATION + " WHERE patient = :p AND delegate = :d")
                        .bind("p", patient.hex())
                        .bind("d", delegate.hex())
                        .map((rs, ctx) -> ConsentRows.delegation(rs))
                        .findOne());
    }

    @Override
    public List<Delegation> delegationsOf(EvmAddress patient) {
        return tx.inTransaction("list delegations",
                h -> h.createQuery(ConsentRows.DELEGATION + " WHERE patient = :p ORDER BY delegate")
                        .bind("p", patient.hex())
                        .map((rs, ctx) -> ConsentRows.delegation(rs))
                        .list());
    }

    @Override
    public Map<EvmAddress, List<Delegation>> delegationsOfAll(Collection<EvmAddress> patients) {
        return byPatient("list delegations of patients",
                ConsentRows.DELEGATION + " WHERE patient = ANY(:p) ORDER BY patient, delegate", patients,
                ConsentRows::delegation);
    }

    /** Rows of the patients, each list in the query's order; every patient asked is a key. */
    private <T> Map<EvmAddress, List<T>> byPatient(String what, String sql, Collection<EvmAddress> patients,
            RowMapper<T> row) {
        Map<EvmAddress, List<T>> out = new HashMap<>();
        patients.forEach(p -> out.put(p, new ArrayList<>()));
        if (patients.isEmpty()) {
            return out;
        }
        tx.inTransaction(what, h -> {
            h.createQuery(sql).bind("p", patients.stream().map(EvmAddress::hex).distinct().toArray(String[]::new))
                    .setFetchSize(FETCH_SIZE)
                    .map((rs, ctx) -> Map.entry(new EvmAddress(rs.getString("patient")), row.map(rs)))
                    .forEach(e -> out.get(e.getKey()).add(e.getValue()));
            return null;
        });
        return out;
    }

    /** One row as a value. */
    @FunctionalInterface
    private interface RowMapper<T> {
        T map(ResultSet rs) throws SQLException;
    }

    @Override
    public List<Delegation> delegationsTo(EvmAddress delegate) {
        return tx.inTransaction("list delegations to a delegate",
                h -> h.createQuery(ConsentRows.DELEGATION + " WHERE delegate = :d ORDER BY patient")
                        .bind("d", delegate.hex())
                        .map((rs, ctx) -> ConsentRows.delegation(rs))
                        .list());
    }

    @Override
    public void forEachDelegation(Consumer<Delegation> sink) {
        tx.inTransaction("stream delegations", h -> {
            h.createQuery(ConsentRows.DELEGATION + " ORDER BY patient, delegate")
                    .setFetchSize(FETCH_SIZE)
                    .map((rs, ctx) -> ConsentRows.delegation(rs))
                    .forEach(sink);
            return null;
        });
    }

    @Override
    public void forEachGrant(Consumer<Grant> sink) {
        tx.inTransaction("stream grants", h -> {
            h.createQuery(ConsentRows.GRANT + " ORDER BY id")
                    .setFetchSize(FETCH_SIZE)
                    .map((rs, ctx) -> ConsentRows.grant(rs))
                    .forEach(sink);
            return null;
        });
    }

    @Override
    public void forEachAttestation(Consumer<Attestation> sink) {
        tx.inTransaction("stream attestations", h -> {
            h.createQuery(ConsentRows.ATTESTATION + " ORDER BY id")
                    .setFetchSize(FETCH_SIZE)
                    .map((rs, ctx) -> ConsentRows.attestation(rs))
                    .forEach(sink);
            return null;
        });
    }

    /** The AccessLogged events carrying an audit hash, in chain order (normally one). */
    @Override
    public List<AccessLogged> accessLogsByAuditHash(Hash32 auditHash) {
        return tx.inTransaction("find access logs by hash",
                h -> h.createQuery(ConsentRows.ACCESS_LOG + " WHERE audit_hash = :h ORDER BY block_number, log_index")
                        .bind("h", auditHash.bytes())
                        .map((rs, ctx) -> ConsentRows.accessLogged(rs))
                        .list());
    }
}
