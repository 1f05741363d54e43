package io.salus.store.internal;

import io.salus.core.account.AccountId;
import io.salus.core.account.EvmAddress;
import io.salus.core.consent.Purpose;
import io.salus.core.deal.Deal;
import io.salus.core.deal.DealMember;
import io.salus.core.deal.DealPhase;
import io.salus.core.deal.DealTerms;
import io.salus.core.deal.Payout;
import io.salus.core.deal.ProviderShare;
import io.salus.core.deal.Split;
import io.salus.core.merkle.Hash32;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/** Reading the deal tables (migrations V10, V160) into domain values. Stateless. */
public final class DealRows {
    public static final String DEAL = """
            SELECT deal_id, consumer, organisation, criteria, criteria_salt, criteria_commitment, categories, purpose,
                   price_per_patient, max_patients, deadline, split_patient, split_providers, split_caregiver,
                   split_dao_treasury, split_operator, sealed_secret, phase, released_size, cohort_root, created_at,
                   (SELECT patients FROM deal_package p WHERE p.deal_id = d.deal_id) AS delivered
              FROM deal d""";
    public static final String MEMBER = """
            SELECT leaf_index, patient, caregiver, pseudonym, patient_claim, caregiver_claim, providers, weights,
                   dao_treasury
              FROM deal_member""";

    private DealRows() {
    }

    public static Deal deal(ResultSet rs, List<Deal.DealTx> txs) throws SQLException {
        DealTerms terms = new DealTerms(Sql.hash(rs, "criteria_commitment"), rs.getLong("categories"),
                Purpose.valueOf(rs.getString("purpose")), rs.getLong("price_per_patient"), rs.getInt("max_patients"),
                Sql.instant(rs, "deadline"), new Split(rs.getInt("split_patient"), rs.getInt("split_providers"),
                        rs.getInt("split_caregiver"), rs.getInt("split_dao_treasury"), rs.getInt("split_operator")));
        byte[] secret = rs.getBytes("sealed_secret");
        byte[] root = rs.getBytes("cohort_root");
        return new Deal(Sql.hash(rs, "deal_id"), new AccountId(Sql.uuid(rs, "consumer")), rs.getString("organisation"),
                rs.getBytes("criteria"), Sql.hash(rs, "criteria_salt"), terms, secret == null ? new byte[0] : secret,
                DealPhase.valueOf(rs.getString("phase")), Optional.ofNullable(rs.getString("released_size")),
                root == null ? Optional.empty() : Optional.of(Hash32.of(root)), rs.getInt("delivered"), txs,
                Sql.instant(rs, "created_at"));
    }

    public static DealMember member(ResultSet rs) throws SQLException {
        String[] providers = Sql.textArray(rs, "providers");
        Integer[] weights = (Integer[]) rs.getArray("weights").getArray();
        List<ProviderShare> shares = new ArrayList<>();
        for (int i = 0; i < providers.length; i++) {
            shares.add(new ProviderShare(new EvmAddress(providers[i]), weights[i]));
        }
        String caregiverClaim = rs.getString("caregiver_claim");
        Payout payout = new Payout(Sql.hash(rs, "pseudonym"), new EvmAddress(rs.getString("patient_claim")),
                Optional.ofNullable(caregiverClaim).map(EvmAddress::new), shares,
                Optional.ofNullable(rs.getString("dao_treasury")).map(EvmAddress::new));
        return new DealMember(rs.getInt("leaf_index"), optionalId(rs, "patient"), optionalId(rs, "caregiver"),
                payout);
    }

    private static Optional<AccountId> optionalId(ResultSet rs, String column) throws SQLException {
        UUID id = Sql.uuid(rs, column);
        return id == null ? Optional.empty() : Optional.of(new AccountId(id));
    }
}
