package io.salus.store;

import io.salus.core.account.AccountId;
import io.salus.core.account.EvmAddress;
import io.salus.core.compute.LogisticModel;
import io.salus.core.deal.Payout;
import io.salus.core.deal.ProviderShare;
import io.salus.core.error.Failure;
import io.salus.core.merkle.Hash32;
import io.salus.core.outbox.OutboxMessage;
import io.salus.core.port.StudyStore;
import io.salus.core.privacy.Epsilon;
import io.salus.core.study.RoundRecord;
import io.salus.core.study.Study;
import io.salus.core.study.StudyPart;
import io.salus.core.study.StudySpec;
import io.salus.core.study.StudyState;
import io.salus.store.internal.OutboxRows;
import io.salus.store.internal.Sql;
import io.salus.store.internal.Transactions;
import java.sql.Array;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.statement.PreparedBatch;

/**
 * Studies in PostgreSQL (migrations V110, V155): {@code study}, its {@code study_round}s and its payout parts
 * ({@code study_part}, {@code study_payee}); a round is stored with its
 * on-chain record in the outbox in one transaction, and each state move is a conditional update on the state it
 * leaves. Thread-safe.
 */
public final class PostgresStudyStore implements StudyStore {
    private final Jdbi jdbi;
    private final Transactions tx;

    public PostgresStudyStore(Jdbi jdbi) {
        this.jdbi = jdbi;
        this.tx = new Transactions(jdbi);
    }

    @Override
    public void create(Study s) {
        StudySpec p = s.spec();
        tx.inTransaction("store a study", h -> h.createUpdate("""
                INSERT INTO study (id, consumer, deal_hex, features, outcome, lows, highs, outcome_at_least, rounds,
                       epsilon, delta, learning_rate, state, created_at, updated_at)
                VALUES (:id, :consumer, :deal, :features, :outcome, :lows, :highs, :atLeast, :rounds, :eps, :delta,
                       :rate, :state, :at, :at)""")
                .bind("id", s.id()).bind("consumer", s.consumer().value()).bind("deal", s.deal().hex())
                .bind("features", Sql.textArray(p.features())).bind("outcome", p.outcome())
                .bindArray("lows", Double.class, p.lows()).bindArray("highs", Double.class, p.highs())
                .bind("atLeast", p.outcomeAtLeast()).bind("rounds", p.rounds())
                .bind("eps", p.epsilon().value().toPlainString()).bind("delta", p.delta())
                .bind("rate", p.learningRate()).bind("state", s.state().name()).bind("at", Sql.ts(s.createdAt()))
                .execute());
    }

    @Override
    public Optional<Study> find(UUID id) {
        return jdbi.withHandle(h -> h.createQuery("SELECT * FROM study WHERE id = :id").bind("id", id)
                .map((rs, ctx) -> study(rs)).findOne());
    }

    @Override
    public List<Study> byConsumer(AccountId consumer) {
        return jdbi.withHandle(h -> h.createQuery("SELECT * FROM study WHERE consumer = :c ORDER BY created_at DESC")
                .bind("c", consumer.value()).map((rs, ctx) -> study(rs)).list());
    }

    @Override
    public List<Study> inState(StudyState state) {
        return jdbi.withHandle(h -> h.createQuery("SELECT * FROM study WHERE state = :s ORDER BY created_at")
                .bind("s", state.name()).map((rs, ctx) -> study(rs)).list());
    }

    @Override
    public void round(RoundRecord r, OutboxMessage record, Instant at) {
        Double[] params = Arrays.stream(r.model().parameters()).boxed().toArray(Double[]::new);
        tx.inTransaction("store a study round", h -> {
            h.createUpdate("""
                    INSERT INTO study_round (study, round, parameters, participants, dropped, epsilon_spent, loss,
                           millis)
                    VALUES (:study, :round, :params, :participants, :dropped, :eps, :loss, :millis)""")
                    .bind("study", r.study()).bind("round", r.round()).bindArray("params", Double.class,
                            (Object[]) params)
                    .bind("participants", Sql.textArray(r.participants().stream().map(EvmAddress::hex).toList()))
                    .bind("dropped", Sql.textArray(r.dropped().stream().map(EvmAddress::hex).toList()))
                    .bind("eps", r.epsilonSpent()).bind("loss", Double.isNaN(r.loss()) ? null : r.loss())
                    .bind("millis", r.millis()).execute();
            OutboxRows.enqueue(h, record, at);
            return null;
        });
    }

    @Override
    public List<RoundRecord> rounds(UUID study) {
        return jdbi.withHandle(h -> h.createQuery("SELECT * FROM study_round WHERE study = :s ORDER BY round")
                .bind("s", study).map((rs, ctx) -> new RoundRecord(Sql.uuid(rs, "study"), rs.getInt("round"),
                        LogisticModel.of(doubles(rs.getArray("parameters"))), addresses(rs, "participants"),
                        addresses(rs, "dropped"), rs.getDouble("epsilon_spent"), loss(rs), rs.getLong("millis")))
                .list());
    }

    @Override
    public List<Study> byDeal(Hash32 deal) {
        return jdbi.withHandle(h -> h.createQuery("SELECT * FROM study WHERE deal_hex = :d ORDER BY created_at")
                .bind("d", deal.hex()).map((rs, ctx) -> study(rs)).list());
    }

    @Override
    public void parts(UUID study, List<StudyPart> parts) {
        tx.inTransaction("store a study's payout parts", h -> {
            for (StudyPart p : parts) {
                h.createUpdate("INSERT INTO study_part (study, member, trained) VALUES (:s, :m, :t)")
                        .bind("s", study).bind("m", p.member().hex()).bind("t", p.trained()).execute();
                PreparedBatch b = h.prepareBatch("""
                        INSERT INTO study_payee (study, member, idx, pseudonym, patient, caregiver, providers, weights)
                        VALUES (:s, :m, :i, :pseudonym, :patient, :caregiver, :providers, :weights)""");
                for (int i = 0; i < p.payouts().size(); i++) {
                    Payout o = p.payouts().get(i);
                    b.bind("s", study).bind("m", p.member().hex()).bind("i", i).bind("pseudonym", o.pseudonym().hex())
                            .bind("patient", o.patient().hex())
                            .bind("caregiver", o.caregiver().map(EvmAddress::hex).orElse(null))
                            .bind("providers", Sql.textArray(o.providers().stream().map(x -> x.provider().hex())
                                    .toList()))
                            .bindArray("weights", Integer.class, o.weights().toArray()).add();
                }
                if (!p.payouts().isEmpty()) {
                    b.execute();
                }
            }
            return null;
        });
    }

    @Override
    public List<StudyPart> parts(UUID study) {
        return jdbi.withHandle(h -> {
            List<StudyPart> out = new ArrayList<>();
            for (Map<String, Object> part : h.createQuery(
                    "SELECT member, trained FROM study_part WHERE study = :s ORDER BY member").bind("s", study)
                    .mapToMap().list()) {
                String member = (String) part.get("member");
                List<Payout> payouts = h.createQuery("""
                        SELECT * FROM study_payee WHERE study = :s AND member = :m ORDER BY idx""")
                        .bind("s", study).bind("m", member).map((rs, ctx) -> payout(rs)).list();
                out.add(new StudyPart(new EvmAddress(member), (Integer) part.get("trained"), payouts));
            }
            return out;
        });
    }

    private static Payout payout(ResultSet rs) throws SQLException {
        String[] providers = Sql.textArray(rs, "providers");
        Integer[] weights = (Integer[]) rs.getArray("weights").getArray();
        List<ProviderShare> shares = new ArrayList<>();
        for (int i = 0; i < providers.length; i++) {
            shares.add(new ProviderShare(new EvmAddress(providers[i]), weights[i]));
        }
        return new Payout(Hash32.fromHex(rs.getString("pseudonym")), new EvmAddress(rs.getString("patient")),
                Optional.ofNullable(rs.getString("caregiver")).map(EvmAddress::new), shares);
    }

    private static double loss(ResultSet rs) throws SQLException {
        double v = rs.getDouble("loss");
        return rs.wasNull() ? Double.NaN : v;
    }

    @Override
    public boolean trained(UUID study, Hash32 outputHash, Instant at) {
        return tx.inTransaction("a study trained", h -> h.createUpdate("""
                UPDATE study SET state = 'TRAINED', output_hex = :out, updated_at = :at
                 WHERE id = :id AND state = 'RUNNING'""").bind("out", outputHash.hex()).bind("at", Sql.ts(at))
                .bind("id", study).execute() == 1);
    }

    @Override
    public boolean fail(UUID study, Failure reason, Instant at) {
        return tx.inTransaction("a study failed", h -> h.createUpdate("""
                UPDATE study SET state = 'FAILED', reason_code = :code, reason = :reason, updated_at = :at
                 WHERE id = :id AND state = 'RUNNING'""").bind("code", reason.code().code())
                .bind("reason", reason.detail()).bind("at", Sql.ts(at)).bind("id", study).execute() == 1);
    }

    private static Study study(ResultSet rs) throws SQLException {
        StudySpec spec = new StudySpec(List.of(Sql.textArray(rs, "features")), rs.getString("outcome"),
                boxed(rs.getArray("lows")), boxed(rs.getArray("highs")), rs.getDouble("outcome_at_least"),
                rs.getInt("rounds"), Epsilon.parse(rs.getString("epsilon")).orElseThrow(), rs.getDouble("delta"),
                rs.getDouble("learning_rate"));
        return new Study(Sql.uuid(rs, "id"), new AccountId(Sql.uuid(rs, "consumer")),
                Hash32.fromHex(rs.getString("deal_hex")), spec, StudyState.valueOf(rs.getString("state")),
                Optional.ofNullable(rs.getString("reason_code")), Optional.ofNullable(rs.getString("reason")),
                Optional.ofNullable(rs.getString("output_hex")).map(Hash32::fromHex), Sql.instant(rs, "created_at"));
    }

    private static List<Double> boxed(Array a) throws SQLException {
        return List.of((Double[]) a.getArray());
    }

    private static double[] doubles(Array a) throws SQLException {
        return boxed(a).stream().mapToDouble(Double::doubleValue).toArray();
    }

    private static List<EvmAddress> addresses(ResultSet rs, String column) throws SQLException {
        return Arrays.stream(Sql.textArray(rs, column)).map(EvmAddress::new).toList();
    }
}
