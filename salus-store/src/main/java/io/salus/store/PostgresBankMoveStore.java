package io.salus.store;

import io.salus.core.account.AccountId;
import io.salus.core.account.EvmAddress;
import io.salus.core.merkle.Hash32;
import io.salus.core.move.BankMoveStore;
import io.salus.core.move.MoveAck;
import io.salus.core.move.MovedAccount;
import io.salus.core.move.MovedRecord;
import io.salus.core.outbox.OutboxMessage;
import io.salus.core.port.KeyManager;
import io.salus.core.port.KeyPurpose;
import io.salus.store.internal.OutboxRows;
import io.salus.store.internal.RecordRows;
import io.salus.store.internal.Sql;
import io.salus.store.internal.Transactions;
import java.time.Instant;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.HashSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;

/**
 * Bank moves in PostgreSQL (V150): the outgoing move with its outbox message, the moved account's keys deleted, and
 * an incoming bank written in one transaction (account, deposits, batches, re-sealed records, the import). Thread-safe.
 */
public final class PostgresBankMoveStore implements BankMoveStore {
    private final Transactions tx;
    private final KeyManager keys;

    public PostgresBankMoveStore(Jdbi jdbi, KeyManager keys) {
        this.tx = new Transactions(jdbi);
        this.keys = keys;
    }

    @Override
    public boolean begin(AccountId patient, EvmAddress to, OutboxMessage message, Instant at) {
        return tx.inTransaction("begin the bank move of " + patient, h -> {
            int n = h.createUpdate("""
                    INSERT INTO bank_move_out (patient, to_node, status, started_at) VALUES (:p, :to, 'MOVING', :at)
                    ON CONFLICT (patient) DO NOTHING""").bind("p", patient.value()).bind("to", to.hex())
                    .bind("at", Sql.ts(at)).execute();
            if (n == 1) {
                OutboxRows.enqueue(h, message, at);
            }
            return n == 1;
        });
    }

    @Override
    public Optional<Outgoing> outgoing(AccountId patient) {
        return tx.inTransaction("read the bank move of " + patient, h -> h.createQuery("""
                SELECT to_node, status, started_at, moved_at, records, root, last_error FROM bank_move_out
                 WHERE patient = :p""").bind("p", patient.value()).map((rs, ctx) -> new Outgoing(patient,
                new EvmAddress(rs.getString("to_node")), rs.getString("status"), Sql.instant(rs, "started_at"),
                Optional.ofNullable(rs.getTimestamp("moved_at")).map(t -> t.toInstant()),
                Optional.ofNullable((Integer) rs.getObject("records")),
                Optional.ofNullable(rs.getString("root")).map(Hash32::fromHex),
                Optional.ofNullable(rs.getString("last_error")))).findOne());
    }

    @Override
    public void noteError(AccountId patient, String error) {
        tx.inTransaction("note a bank move's error", h -> h.createUpdate(
                "UPDATE bank_move_out SET last_error = :e WHERE patient = :p AND status = 'MOVING'")
                .bind("e", error).bind("p", patient.value()).execute());
    }

    @Override
    public Optional<Hash32> apiTokenHash(AccountId patient) {
        return tx.inTransaction("read a token hash", h -> h.createQuery(
                "SELECT api_token_hash FROM account WHERE id = :p").bind("p", patient.value())
                .map((rs, ctx) -> Hash32.of(rs.getBytes(1))).findOne());
    }

    @Override
    public void finish(AccountId patient, int records, Hash32 root, Instant at) {
        tx.inTransaction("finish the bank move of " + patient, h -> {
            h.createUpdate("""
                    UPDATE bank_move_out SET status = 'MOVED', moved_at = :at, records = :n, root = :root,
                           last_error = NULL WHERE patient = :p AND status = 'MOVING'""")
                    .bind("at", Sql.ts(at)).bind("n", records).bind("root", root.hex()).bind("p", patient.value())
                    .execute();
            return h.createUpdate("""
                    UPDATE account SET moved_to = (SELECT to_node FROM bank_move_out WHERE patient = :p),
                           sealed_signing_key = NULL, sealed_encryption_key = NULL WHERE id = :p""")
                    .bind("p", patient.value()).execute();
        });
    }

    @Override
    public Optional<Incoming> incoming(EvmAddress patient) {
        return tx.inTransaction("read an imported bank", h -> h.createQuery("""
                SELECT i.patient, i.from_node, i.records, i.root, i.imported_at, i.ack FROM bank_move_in i
                  JOIN account a ON a.id = i.patient WHERE a.address = :a""").bind("a", patient.hex())
                .map((rs, ctx) -> {
                    String[] ack = rs.getString("ack").split("\\|");
                    EvmAddress from = new EvmAddress(rs.getString("from_node"));
                    Hash32 root = Hash32.fromHex(rs.getString("root"));
                    return new Incoming(new AccountId(Sql.uuid(rs, "patient")), from, rs.getInt("records"), root,
                            Sql.instant(rs, "imported_at"), new MoveAck(patient, from, new EvmAddress(ack[0]),
                                    rs.getInt("records"), root, HexFormat.of().parseHex(ack[1])));
                }).findOne());
    }

    @Override
    public void importBank(Import i) {
        MovedAccount a = i.pkg().account();
        tx.inTransaction("import the bank of " + a.id(), h -> {
            h.createUpdate("""
                    INSERT INTO account (id, kind, display_name, address, did, encryption_public_key,
                        signing_public_key, sealed_signing_key, sealed_encryption_key, api_token_hash, created_at)
                    VALUES (:id, 'PATIENT', :name, :address, :did, :enc, :sign, :sealedSign, :sealedEnc, :token,
                        :created)""").bind("id", a.id().value()).bind("name", a.displayName())
                    .bind("address", a.address().hex()).bind("did", a.did())
                    .bind("enc", i.keys().encryptionPublicKey()).bind("sign", i.keys().signingPublicKey())
                    .bind("sealedSign", i.keys().sealedSigningPrivateKey())
                    .bind("sealedEnc", i.keys().sealedEncryptionPrivateKey()).bind("token", a.apiTokenHash().bytes())
                    .bind("created", Sql.ts(a.createdAt())).execute();
            Map<Hash32, UUID> batches = new HashMap<>();
            Set<UUID> deposits = new HashSet<>();
            for (Resealed r : i.records()) {
                MovedRecord m = r.record();
                UUID author = a.id().value();
                if (deposits.add(m.depositId())) {
                    h.createUpdate("""
                            INSERT INTO deposit (id, patient, author, source, deposited_at, request_hash)
                            VALUES (:id, :p, :author, :source, :at, :hash)""").bind("id", m.depositId())
                            .bind("p", a.id().value()).bind("author", author).bind("source", m.source())
                            .bind("at", Sql.ts(m.depositedAt())).bind("hash", keys.keyedHash(
                                    KeyPurpose.RECORD_HASH, Sql.uuidBytes(m.depositId())).bytes())
                            .execute();
                }
                UUID batch = batches.computeIfAbsent(m.batch().key(), k -> batch(h, m.batch()));
                h.createUpdate("""
                        INSERT INTO sealed_record (id, deposit_id, patient, category, resource_type, fhir_id,
                            ciphertext, wrapped_key_node, wrapped_key_patient, salt, leaf, batch_id, leaf_index,
                            proof, author, source, deposited_at, reading_leaves)
                        VALUES (:id, :deposit, :p, :category, :type, :fhir, :ct, :wn, :wp, :salt, :leaf, :batch,
                            :index, :proof, :author, :source, :at, :readings)""")
                        .bind("id", m.id().value()).bind("deposit", m.depositId()).bind("p", a.id().value())
                        .bind("category", m.category().name()).bind("type", m.resourceType())
                        .bind("fhir", RecordRows.sealFhirId(keys, m.id().value(), m.fhirId().orElse(null)))
                        .bind("ct", r.sealed().ciphertext()).bind("wn", r.sealed().wrappedKeyForNode())
                        .bind("wp", r.sealed().wrappedKeyForPatient()).bind("salt", r.sealedSalt())
                        .bind("leaf", m.leaf().bytes()).bind("batch", batch).bind("index", m.leafIndex())
                        .bind("proof", Sql.proofBytes(m.proof())).bind("author", author).bind("source", m.source())
                        .bind("at", Sql.ts(m.depositedAt())).bind("readings", m.readingLeaves().isEmpty()
                                ? null
                                : Sql.proofBytes(m.readingLeaves()))
                        .execute();
            }
            MoveAck ack = i.ack();
            return h.createUpdate("""
                    INSERT INTO bank_move_in (patient, from_node, records, root, imported_at, ack)
                    VALUES (:p, :from, :n, :root, :at, :ack)""").bind("p", a.id().value())
                    .bind("from", ack.from().hex()).bind("n", ack.records()).bind("root", ack.root().hex())
                    .bind("at", Sql.ts(i.at())).bind("ack", ack.to().hex() + "|" + HexFormat.of().formatHex(
                            ack.signature()))
                    .execute();
        });
    }

    /** The anchored batch's row here: the existing one, or a new one with the anchor as mined. */
    private static UUID batch(Handle h, MovedRecord.Batch b) {
        return h.createQuery("SELECT id FROM anchor_batch WHERE batch_key = :k").bind("k", b.key().bytes())
                .mapTo(UUID.class).findOne().orElseGet(() -> h.createQuery("""
                        INSERT INTO anchor_batch (id, batch_key, root, size, cut_at, tx_hash, block_number)
                        VALUES (:id, :k, :root, :size, :cut, :tx, :block) RETURNING id""")
                        .bind("id", UUID.randomUUID()).bind("k", b.key().bytes()).bind("root", b.root().bytes())
                        .bind("size", b.size()).bind("cut", Sql.ts(b.cutAt())).bind("tx", b.txHash())
                        .bind("block", b.blockNumber()).mapTo(UUID.class).one());
    }
}
