package io.salus.store;

import io.salus.core.account.EvmAddress;
import io.salus.core.deal.DealEvent;
import io.salus.core.deal.Role;
import io.salus.core.merkle.Hash32;
import io.salus.core.port.DealEventStore;
import io.salus.store.internal.Transactions;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.statement.PreparedBatch;

/**
 * The deal events the node reads back, projected into PostgreSQL (migration V11): payments indexed by payee, refunds
 * by consumer, key releases by deal. Applying a block range twice stores each event once (keyed by block and log
 * index) and never moves the cursor back. Thread-safe.
 */
public final class PostgresDealEventStore implements DealEventStore {
    private static final String COLUMNS = "block, log_index, kind, deal_id, tx_hash, party, role, amount, "
            + "ciphertext_hash, wrapped_key";
    private final Transactions tx;

    public PostgresDealEventStore(Jdbi jdbi) {
        this.tx = new Transactions(jdbi);
    }

    @Override
    public long syncedBlock() {
        return tx.inTransaction("read the deal event cursor", h -> h
                .createQuery("SELECT synced_block FROM deal_event_cursor").mapTo(Long.class).findOne().orElse(-1L));
    }

    @Override
    public void apply(List<DealEvent> events, long uptoBlock) {
        tx.inTransaction("apply deal events up to block " + uptoBlock, h -> {
            insert(h, events);
            h.createUpdate("""
                    INSERT INTO deal_event_cursor (id, synced_block) VALUES (true, :block)
                    ON CONFLICT (id) DO UPDATE
                       SET synced_block = GREATEST(deal_event_cursor.synced_block, excluded.synced_block)""")
                    .bind("block", uptoBlock).execute();
            return null;
        });
    }

    private static void insert(Handle h, List<DealEvent> events) {
        PreparedBatch batch = h.prepareBatch("INSERT INTO deal_event (" + COLUMNS + ") VALUES (:block, :log, :kind, "
                + ":deal, :tx, :party, :role, :amount, :ct, :key) ON CONFLICT (block, log_index) DO NOTHING");
        for (DealEvent e : events) {
            Row r = switch (e) {
                case DealEvent.Paid p -> new Row("PAID", p.payee().hex(), (short) p.role().chainCode(), p.amount(),
                        null, null);
                case DealEvent.Refunded f -> new Row("REFUNDED", f.consumer().hex(), null, f.amount(), null, null);
                case DealEvent.KeyReleased k -> new Row("KEY_RELEASED", null, null, null, k.ciphertextHash().bytes(),
                        k.wrappedKey());
                default -> null;
            };
            if (r == null) {
                continue;
            }
            batch.bind("kind", r.kind()).bindByType("party", r.party(), String.class)
                    .bindByType("role", r.role(), Short.class).bindByType("amount", r.amount(), Long.class)
                    .bindByType("ct", r.ciphertextHash(), byte[].class).bindByType("key", r.wrappedKey(), byte[].class);
            batch.bind("block", e.block()).bind("log", e.logIndex()).bind("deal", e.dealId().bytes())
                    .bind("tx", e.txHash()).add();
        }
        if (batch.size() > 0) {
            batch.execute();
        }
    }

    /** One event's typed columns; {@code null} where the event has no such value. */
    private record Row(String kind, String party, Short role, Long amount, byte[] ciphertextHash, byte[] wrappedKey) {
    }

    @Override
    public List<DealEvent.Paid> paymentsTo(Set<EvmAddress> payees) {
        if (payees.isEmpty()) {
            return List.of();
        }
        return tx.inTransaction("list deal payments", h -> h.createQuery("SELECT " + COLUMNS + " FROM deal_event "
                + "WHERE kind = 'PAID' AND party IN (<payees>) ORDER BY block, log_index")
                .bindList("payees", payees.stream().map(EvmAddress::hex).toList())
                .map((rs, ctx) -> paid(rs)).list());
    }

    @Override
    public List<DealEvent.Refunded> refundsTo(EvmAddress consumer) {
        return tx.inTransaction("list deal refunds", h -> h.createQuery("SELECT " + COLUMNS + " FROM deal_event "
                + "WHERE kind = 'REFUNDED' AND party = :party ORDER BY block, log_index").bind("party", consumer.hex())
                .map((rs, ctx) -> new DealEvent.Refunded(Hash32.of(rs.getBytes("deal_id")),
                        new EvmAddress(rs.getString("party")), rs.getLong("amount"), rs.getString("tx_hash"),
                        rs.getLong("block"), rs.getInt("log_index")))
                .list());
    }

    @Override
    public Optional<DealEvent.KeyReleased> keyRelease(Hash32 dealId) {
        return tx.inTransaction("read a key release", h -> h.createQuery("SELECT " + COLUMNS + " FROM deal_event "
                + "WHERE kind = 'KEY_RELEASED' AND deal_id = :deal").bind("deal", dealId.bytes())
                .map((rs, ctx) -> new DealEvent.KeyReleased(dealId, Hash32.of(rs.getBytes("ciphertext_hash")),
                        rs.getBytes("wrapped_key"), rs.getString("tx_hash"), rs.getLong("block"),
                        rs.getInt("log_index")))
                .findOne());
    }

    @Override
    public void reset() {
        tx.inTransaction("reset the deal event projection", h -> h.execute("TRUNCATE deal_event, deal_event_cursor"));
    }

    private static DealEvent.Paid paid(ResultSet rs) throws SQLException {
        short code = rs.getShort("role");
        Role role = Role.fromChainCode(code).orElseThrow(() -> new SQLException("unknown role code " + code));
        return new DealEvent.Paid(Hash32.of(rs.getBytes("deal_id")), new EvmAddress(rs.getString("party")), role,
                rs.getLong("amount"), rs.getString("tx_hash"), rs.getLong("block"), rs.getInt("log_index"));
    }
}
