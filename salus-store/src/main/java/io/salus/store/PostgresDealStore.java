package io.salus.store;

import io.salus.core.account.AccountId;
import io.salus.core.account.EvmAddress;
import io.salus.core.deal.Claim;
import io.salus.core.deal.Deal;
import io.salus.core.deal.DealMember;
import io.salus.core.deal.DealPhase;
import io.salus.core.deal.ProviderShare;
import io.salus.core.deal.Role;
import io.salus.core.deal.Split;
import io.salus.core.deal.StagedPackage;
import io.salus.core.error.SalusException;
import io.salus.core.merkle.Hash32;
import io.salus.core.port.ClaimKeys;
import io.salus.core.port.DealStore;
import io.salus.core.privacy.Epsilon;
import io.salus.store.internal.DealRows;
import io.salus.store.internal.Sql;
import io.salus.store.internal.Transactions;
import java.time.Clock;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.statement.PreparedBatch;

/**
 * The node's deal state in PostgreSQL (migration V10): deals with a phase enum and typed terms, one row per cohort
 * member, the staged package, the deal's transactions. Every phase change is an update guarded by the phase it comes
 * from; one that matches no row is a bug and throws. Thread-safe.
 */
public final class PostgresDealStore implements DealStore {
    private final Transactions tx;
    private final Clock clock;

    public PostgresDealStore(Jdbi jdbi, Clock clock) {
        this.tx = new Transactions(jdbi);
        this.clock = clock;
    }

    @Override
    public void create(Deal d) {
        Split s = d.terms().split();
        tx.inTransaction("record deal " + d.id(), h -> {
            h.createUpdate("""
                    INSERT INTO deal (deal_id, consumer, organisation, criteria, criteria_salt, criteria_commitment,
                                      categories, purpose, price_per_patient, max_patients, deadline, split_patient,
                                      split_providers, split_caregiver, split_dao_treasury, split_operator,
                                      sealed_secret, phase, created_at, updated_at)
                    VALUES (:id, :consumer, :org, :criteria, :salt, :commitment, :categories, :purpose, :price, :max,
                            :deadline, :sp, :spr, :sc, :sd, :so, :secret, 'POSTED', :at, :at)""")
                    .bind("id", d.id().bytes()).bind("consumer", d.consumer().value())
                    .bind("org", d.organisation()).bind("criteria", d.criteria())
                    .bind("salt", d.criteriaSalt().bytes()).bind("commitment", d.terms().criteriaCommitment().bytes())
                    .bind("categories", d.terms().categories()).bind("purpose", d.terms().purpose().name())
                    .bind("price", d.terms().pricePerPatient()).bind("max", d.terms().maxPatients())
                    .bind("deadline", Sql.ts(d.terms().deadline())).bind("sp", s.patient())
                    .bind("spr", s.providers()).bind("sc", s.caregiver()).bind("sd", s.daoTreasury())
                    .bind("so", s.operator()).bind("secret", d.sealedSecret()).bind("at", Sql.ts(d.createdAt()))
                    .execute();
            d.txs().forEach(t -> insertTx(h, d.id(), t));
            return null;
        });
    }

    @Override
    public Optional<Deal> find(Hash32 dealId) {
        return tx.inTransaction("read deal " + dealId, h -> h.createQuery(DealRows.DEAL + " WHERE deal_id = :id")
                .bind("id", dealId.bytes()).map((rs, ctx) -> DealRows.deal(rs, txs(h, dealId))).findOne());
    }

    @Override
    public List<Deal> byConsumer(AccountId consumer) {
        return tx.inTransaction("list deals of " + consumer, h -> h.createQuery(DealRows.DEAL
                + " WHERE consumer = :c ORDER BY created_at DESC, deal_id").bind("c", consumer.value())
                .map((rs, ctx) -> DealRows.deal(rs, txs(h, Sql.hash(rs, "deal_id")))).list());
    }

    @Override
    public void suppressed(Hash32 dealId, String releasedSize, Epsilon epsilon) {
        tx.inTransaction("suppress deal " + dealId, h -> {
            move(h, dealId, "phase IN ('POSTED', 'SUPPRESSED')", "phase = 'SUPPRESSED', released_size = :size, "
                    + "match_epsilon = :eps", u -> u.bind("size", releasedSize).bind("eps", epsilon.value()));
            return null;
        });
    }

    @Override
    public void matched(Hash32 dealId, String releasedSize, Epsilon epsilon, Hash32 root, List<DealMember> members,
            Deal.DealTx commit) {
        tx.inTransaction("match deal " + dealId, h -> {
            move(h, dealId, "phase IN ('POSTED', 'SUPPRESSED')", "phase = 'MATCHED', released_size = :size, "
                    + "match_epsilon = :eps, cohort_root = :root",
                    u -> u.bind("size", releasedSize)
                            .bind("eps", epsilon.value()).bind("root", root.bytes()));
            PreparedBatch b = h.prepareBatch(
                    """
                            INSERT INTO deal_member (deal_id, leaf_index, patient, caregiver, pseudonym, patient_claim,
                                                     caregiver_claim, providers, weights, dao_treasury)
                            VALUES (:id, :i, CAST(:patient AS uuid), CAST(:caregiver AS uuid), :pseudonym, :claim, :cgClaim, :providers,
                                    :weights, :dao)""");
            for (DealMember m : members) {
                b.bind("id", dealId.bytes()).bind("i", m.index())
                        .bind("patient", m.patient().map(AccountId::value).orElse(null))
                        .bind("caregiver", m.caregiver().map(AccountId::value).orElse(null))
                        .bind("pseudonym", m.payout().pseudonym().bytes()).bind("claim", m.payout().patient().hex())
                        .bind("cgClaim", m.payout().caregiver().map(EvmAddress::hex).orElse(null))
                        .bind("providers", Sql.textArray(m.payout().providers().stream()
                                .map(p -> p.provider().hex()).toList()))
                        .bind("weights", intArray(m.payout().providers().stream().map(ProviderShare::weight)
                                .toList()))
                        .bind("dao", m.payout().daoTreasury().map(EvmAddress::hex).orElse(null))
                        .add();
            }
            if (!members.isEmpty()) {
                b.execute();
            }
            insertTx(h, dealId, commit);
            return null;
        });
    }

    @Override
    public List<DealMember> members(Hash32 dealId) {
        return tx.inTransaction("read the cohort of " + dealId, h -> h.createQuery(DealRows.MEMBER
                + " WHERE deal_id = :id ORDER BY leaf_index").bind("id", dealId.bytes())
                .map((rs, ctx) -> DealRows.member(rs)).list());
    }

    @Override
    public void staged(Hash32 dealId, StagedPackage p, Set<Integer> included) {
        tx.inTransaction("stage deal " + dealId, h -> {
            move(h, dealId, "phase = 'MATCHED'", "phase = 'STAGED'", u -> u);
            h.createUpdate("DELETE FROM deal_package WHERE deal_id = :id").bind("id", dealId.bytes()).execute();
            h.createUpdate("""
                    INSERT INTO deal_package (deal_id, plaintext_keccak, ciphertext_sha256, bytes, patients,
                                              sealed_content_key, wrapped_key, staged_at)
                    VALUES (:id, :plain, :cipher, :bytes, :patients, :key, :wrapped, :at)""")
                    .bind("id", dealId.bytes()).bind("plain", p.plaintextKeccak().bytes())
                    .bind("cipher", p.ciphertextSha256().bytes()).bind("bytes", p.bytes())
                    .bind("patients", p.patients()).bind("key", p.sealedContentKey())
                    .bind("wrapped", p.wrappedKey()).bind("at", Sql.ts(clock.instant())).execute();
            h.createUpdate("UPDATE deal_member SET included = (leaf_index = ANY(:included)) WHERE deal_id = :id")
                    .bind("id", dealId.bytes()).bind("included", intArray(List.copyOf(included))).execute();
            return null;
        });
    }

    @Override
    public Optional<StagedPackage> stagedPackage(Hash32 dealId) {
        return tx.inTransaction("read the package of " + dealId, h -> h.createQuery("""
                SELECT plaintext_keccak, ciphertext_sha256, bytes, patients, sealed_content_key, wrapped_key
                  FROM deal_package WHERE deal_id = :id""").bind("id", dealId.bytes())
                .map((rs, ctx) -> new StagedPackage(Sql.hash(rs, "plaintext_keccak"),
                        Sql.hash(rs, "ciphertext_sha256"), rs.getLong("bytes"), rs.getInt("patients"),
                        rs.getBytes("sealed_content_key"), rs.getBytes("wrapped_key")))
                .findOne());
    }

    @Override
    public Set<Integer> included(Hash32 dealId) {
        return tx.inTransaction("read the delivered members of " + dealId, h -> new HashSet<>(h.createQuery(
                "SELECT leaf_index FROM deal_member WHERE deal_id = :id AND included").bind("id", dealId.bytes())
                .mapTo(Integer.class).list()));
    }

    @Override
    public void settled(Hash32 dealId, List<Deal.DealTx> txs) {
        tx.inTransaction("settle deal " + dealId, h -> {
            move(h, dealId, "phase = 'STAGED'", "phase = 'SETTLED'", u -> u);
            txs.forEach(t -> insertTx(h, dealId, t));
            return null;
        });
    }

    @Override
    public void addTx(Hash32 dealId, Deal.DealTx t) {
        tx.inTransaction("record a transaction of " + dealId, h -> {
            insertTx(h, dealId, t);
            return null;
        });
    }

    @Override
    public List<Claim> claimsOf(AccountId account) {
        return tx.inTransaction("read the claims of " + account, h -> {
            Optional<EvmAddress> self = h.createQuery("SELECT address FROM account WHERE id = :a")
                    .bind("a", account.value()).mapTo(String.class).findOne().map(EvmAddress::new);
            if (self.isEmpty()) {
                return List.<Claim>of();
            }
            List<Claim> out = new java.util.ArrayList<>(h.createQuery(
                    "SELECT deal_id, patient_claim FROM deal_member WHERE patient = :a ORDER BY deal_id, leaf_index")
                    .bind("a", account.value())
                    .map((rs, ctx) -> new Claim(Sql.hash(rs, "deal_id"), Role.PATIENT,
                            new EvmAddress(rs.getString("patient_claim")), ClaimKeys.patient(self.get())))
                    .list());
            out.addAll(h.createQuery("""
                    SELECT deal_id, caregiver_claim, pseudonym FROM deal_member WHERE caregiver = :a
                     ORDER BY deal_id, leaf_index""").bind("a", account.value())
                    .map((rs, ctx) -> new Claim(Sql.hash(rs, "deal_id"), Role.CAREGIVER,
                            new EvmAddress(rs.getString("caregiver_claim")),
                            ClaimKeys.caregiver(self.get(), Sql.hash(rs, "pseudonym"))))
                    .list());
            return out;
        });
    }

    @Override
    public List<Hash32> dealsOf(AccountId patient) {
        return tx.inTransaction("list the deals of " + patient, h -> h.createQuery(
                "SELECT DISTINCT deal_id FROM deal_member WHERE patient = :p").bind("p", patient.value())
                .map((rs, ctx) -> Sql.hash(rs, "deal_id")).list());
    }

    @Override
    public boolean unlink(Hash32 dealId, AccountId patient, boolean settling) {
        return tx.inTransaction("unlink " + patient + " from deal " + dealId, h -> {
            DealPhase phase = DealPhase.valueOf(h.createQuery("SELECT phase FROM deal WHERE deal_id = :id FOR UPDATE")
                    .bind("id", dealId.bytes()).mapTo(String.class).one());
            boolean delivered = phase == DealPhase.SETTLED || phase == DealPhase.STAGED && settling;
            int rows = h.createUpdate("UPDATE deal_member SET patient = NULL"
                    + (delivered ? "" : ", caregiver = NULL, included = false")
                    + " WHERE deal_id = :id AND patient = :p").bind("id", dealId.bytes()).bind("p", patient.value())
                    .execute();
            if (rows == 0) {
                return false;
            }
            if (delivered) {
                h.createUpdate("UPDATE deal SET sealed_secret = NULL, updated_at = :at WHERE deal_id = :id")
                        .bind("id", dealId.bytes()).bind("at", Sql.ts(clock.instant())).execute();
                return false;
            }
            if (phase == DealPhase.STAGED) {
                h.createUpdate("DELETE FROM deal_package WHERE deal_id = :id").bind("id", dealId.bytes()).execute();
                h.createUpdate("UPDATE deal SET phase = 'MATCHED', updated_at = :at WHERE deal_id = :id")
                        .bind("id", dealId.bytes()).bind("at", Sql.ts(clock.instant())).execute();
                return true;
            }
            return false;
        });
    }

    private List<Deal.DealTx> txs(Handle h, Hash32 dealId) {
        return h.createQuery("SELECT kind, tx_hash, block FROM deal_tx WHERE deal_id = :id ORDER BY seq")
                .bind("id", dealId.bytes())
                .map((rs, ctx) -> new Deal.DealTx(rs.getString("kind"), rs.getString("tx_hash"), rs.getLong("block")))
                .list();
    }

    private static void insertTx(Handle h, Hash32 dealId, Deal.DealTx t) {
        h.createUpdate("INSERT INTO deal_tx (deal_id, kind, tx_hash, block) VALUES (:id, :kind, :tx, :block)")
                .bind("id", dealId.bytes()).bind("kind", t.kind()).bind("tx", t.txHash()).bind("block", t.block())
                .execute();
    }

    private void move(Handle h, Hash32 dealId, String from, String set,
            java.util.function.UnaryOperator<org.jdbi.v3.core.statement.Update> bind) {
        int n = bind.apply(h.createUpdate("UPDATE deal SET " + set + ", updated_at = :at WHERE deal_id = :id AND "
                + from).bind("id", dealId.bytes()).bind("at", Sql.ts(clock.instant()))).execute();
        if (n != 1) {
            throw new SalusException("deal " + dealId + " is not in a phase where " + from + ": cannot set " + set);
        }
    }

    private static org.jdbi.v3.core.argument.Argument intArray(List<Integer> values) {
        return Sql.array("integer", values.toArray());
    }
}
