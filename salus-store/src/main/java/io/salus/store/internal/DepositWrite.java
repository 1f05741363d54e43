package io.salus.store.internal;

import io.salus.core.account.AccountId;
import io.salus.core.merkle.Hash32;
import io.salus.core.outbox.OutboxMessage;
import io.salus.core.port.KeyManager;
import io.salus.core.record.NewDeposit;
import io.salus.core.record.NewRecord;
import io.salus.core.record.Provenance;
import java.sql.Types;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.argument.Argument;

/**
 * A whole deposit written by one SQL statement (data-modifying CTEs; decision 0042): the share lock on the patient's
 * account with the check of the key the data keys were wrapped to, the check of the patient's identifiers against
 * those of their earlier deposits, the {@code deposit} row (or nothing when the author's idempotency key is taken),
 * its {@code sealed_record} rows in deposit order, the identifiers' blind indexes, the sealed cohort features and
 * facts, and the anchoring outbox message. Every insert reads the new deposit row, so a refused or repeated deposit
 * writes nothing. One round trip, atomic on its own (one statement) or inside the caller's transaction. Stateless.
 */
public final class DepositWrite {
    private static final String SQL = """
            WITH owner AS (
                SELECT id FROM account
                 WHERE id = :patient::uuid
                   AND (:keyHash::bytea IS NULL OR sha256(encryption_public_key) = :keyHash::bytea)
                   FOR SHARE),
            known AS (SELECT blind_index FROM patient_identifier_index WHERE patient = :patient::uuid),
            allowed AS (
                SELECT cardinality(:indexes::bytea[]) = 0 OR NOT EXISTS (SELECT FROM known)
                       OR EXISTS (SELECT FROM known WHERE blind_index = ANY(:indexes::bytea[])) AS ok),
            dep AS (
                INSERT INTO deposit (id, patient, author, source, deposited_at, idempotency_key, request_hash)
                SELECT :deposit::uuid, owner.id, :author::uuid, :source::text, :at::timestamptz, :key::text,
                       :requestHash::bytea
                  FROM owner, allowed WHERE allowed.ok
                ON CONFLICT (author, idempotency_key) DO NOTHING
                RETURNING id),
            rec AS (
                INSERT INTO sealed_record (id, deposit_id, patient, category, resource_type, fhir_id, ciphertext,
                    wrapped_key_node, wrapped_key_patient, salt, leaf, author, source, deposited_at, reading_leaves)
                SELECT r.id, dep.id, :patient::uuid, r.category, r.resource_type, r.fhir_id, r.ciphertext,
                       r.wrapped_key_node, r.wrapped_key_patient, r.salt, r.leaf, :author::uuid, :source::text,
                       :at::timestamptz, r.reading_leaves
                  FROM dep, unnest(:ids::uuid[], :categories::text[], :types::text[], :fhirIds::bytea[],
                           :ciphertexts::bytea[], :nodeKeys::bytea[], :patientKeys::bytea[], :salts::bytea[],
                           :leaves::bytea[], :readingLeaves::bytea[]) WITH ORDINALITY
                       AS r(id, category, resource_type, fhir_id, ciphertext, wrapped_key_node, wrapped_key_patient,
                            salt, leaf, reading_leaves, n)
                 ORDER BY r.n),
            idx AS (
                INSERT INTO patient_identifier_index (patient, blind_index)
                SELECT :patient::uuid, i FROM dep, unnest(:indexes::bytea[]) AS i
                ON CONFLICT DO NOTHING),
            features AS (
                INSERT INTO sealed_cohort_features (deposit_id, patient, sealed)
                SELECT dep.id, :patient::uuid, :features::bytea FROM dep WHERE :features::bytea IS NOT NULL
                ON CONFLICT (deposit_id) DO NOTHING),
            facts AS (
                INSERT INTO sealed_patient_facts (patient, sealed)
                SELECT :patient::uuid, :facts::bytea FROM dep WHERE :facts::bytea IS NOT NULL
                ON CONFLICT (patient) DO UPDATE SET sealed = EXCLUDED.sealed),
            anchor AS (
                INSERT INTO outbox (kind, idempotency_key, payload, next_attempt_at, created_at)
                SELECT :kind::text, :anchorKey::text, jsonb_object(:payloadKeys::text[], :payloadValues::text[]),
                       :now::timestamptz, :now::timestamptz FROM dep
                ON CONFLICT (kind, idempotency_key) DO NOTHING)
            SELECT EXISTS (SELECT FROM owner) AS key_current, (SELECT ok FROM allowed) AS identifiers_shared,
                   EXISTS (SELECT FROM dep) AS inserted""";

    private DepositWrite() {
    }

    /** What the statement did. */
    public enum Outcome {
        /** Everything was written. */
        WRITTEN,
        /** Nothing was written: the account is gone, or its key is not the one the data keys were wrapped to. */
        KEY_CHANGED,
        /** Nothing was written: the patient's earlier deposits carried identifiers, none of this deposit's. */
        FOREIGN_IDENTIFIERS,
        /** Nothing was written: the author already made a deposit with this idempotency key. */
        KEY_TAKEN
    }

    public static Outcome write(Handle h, KeyManager keys, NewDeposit deposit, OutboxMessage anchor, Instant now) {
        Provenance p = deposit.provenance();
        List<NewRecord> records = deposit.records();
        int n = records.size();
        UUID[] ids = new UUID[n];
        String[] categories = new String[n];
        String[] types = new String[n];
        byte[][] fhirIds = new byte[n][];
        byte[][] ciphertexts = new byte[n][];
        byte[][] nodeKeys = new byte[n][];
        byte[][] patientKeys = new byte[n][];
        byte[][] salts = new byte[n][];
        byte[][] leaves = new byte[n][];
        byte[][] readingLeaves = new byte[n][];
        for (int i = 0; i < n; i++) {
            NewRecord r = records.get(i);
            ids[i] = r.id().value();
            categories[i] = r.category().name();
            types[i] = r.resourceType();
            fhirIds[i] = RecordRows.sealFhirId(keys, r.id().value(), r.fhirId());
            ciphertexts[i] = r.sealed().ciphertext();
            nodeKeys[i] = r.sealed().wrappedKeyForNode();
            patientKeys[i] = r.sealed().wrappedKeyForPatient();
            salts[i] = r.sealedSalt();
            leaves[i] = r.leaf().bytes();
            readingLeaves[i] = r.readingLeaves().isEmpty() ? null : Sql.proofBytes(r.readingLeaves());
        }
        boolean anyFeatures = deposit.features().stream().anyMatch(f -> !f.features().isEmpty());
        byte[] features = anyFeatures
                ? keys.sealValue(FeatureCodec.encode(deposit.features()), AtRest.featuresAad(p.depositId(),
                        deposit.patient()))
                : null;
        byte[] facts = deposit.facts().map(f -> keys.sealValue(FeatureCodec.encode(f),
                AtRest.factsAad(deposit.patient()))).orElse(null);
        return h.createQuery(SQL)
                .bind("patient", deposit.patient().value())
                .bind("keyHash", nullableBytes(deposit.sealedToKeyHash().map(Hash32::bytes).orElse(null)))
                .bind("indexes", Sql.array("bytea", identifierIndexes(keys, deposit.patient(),
                        deposit.patientIdentifiers())))
                .bind("deposit", p.depositId())
                .bind("author", p.author().value())
                .bind("source", p.source())
                .bind("at", Sql.ts(p.depositedAt()))
                .bind("key", deposit.idempotencyKey().map(k -> AtRest.idempotencyIndex(keys, p.author(), k))
                        .orElse(null))
                .bind("requestHash", deposit.requestHash().bytes())
                .bind("ids", Sql.array("uuid", ids))
                .bind("categories", Sql.array("text", categories))
                .bind("types", Sql.array("text", types))
                .bind("fhirIds", Sql.array("bytea", fhirIds))
                .bind("ciphertexts", Sql.array("bytea", ciphertexts))
                .bind("nodeKeys", Sql.array("bytea", nodeKeys))
                .bind("patientKeys", Sql.array("bytea", patientKeys))
                .bind("salts", Sql.array("bytea", salts))
                .bind("leaves", Sql.array("bytea", leaves))
                .bind("readingLeaves", Sql.array("bytea", readingLeaves))
                .bind("features", nullableBytes(features))
                .bind("facts", nullableBytes(facts))
                .bind("kind", anchor.kind())
                .bind("anchorKey", anchor.idempotencyKey())
                .bind("payloadKeys", OutboxRows.keys(anchor.payload()))
                .bind("payloadValues", OutboxRows.values(anchor.payload()))
                .bind("now", Sql.ts(now))
                .map((rs, ctx) -> !rs.getBoolean("key_current")
                        ? Outcome.KEY_CHANGED
                        : !rs.getBoolean("identifiers_shared")
                                ? Outcome.FOREIGN_IDENTIFIERS
                                : rs.getBoolean("inserted") ? Outcome.WRITTEN : Outcome.KEY_TAKEN)
                .one();
    }

    /** The blind indexes of a patient's identifiers, in the identifiers' sorted order. */
    public static byte[][] identifierIndexes(KeyManager keys, AccountId patient, Set<String> identifiers) {
        List<byte[]> out = new ArrayList<>(identifiers.size());
        for (String identifier : new TreeSet<>(identifiers)) {
            out.add(AtRest.identifierIndex(keys, patient, identifier).bytes());
        }
        return out.toArray(byte[][]::new);
    }

    private static Argument nullableBytes(byte[] value) {
        return (pos, st, ctx) -> {
            if (value == null) {
                st.setNull(pos, Types.BINARY);
            } else {
                st.setBytes(pos, value);
            }
        };
    }
}
