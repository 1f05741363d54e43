package io.salus.node.http;

import io.salus.core.deal.Deal;
import io.salus.core.deal.DealEvent;
import io.salus.core.deal.DealPhase;
import io.salus.core.deal.DealState;
import io.salus.core.deal.Split;
import io.salus.core.deal.SplitPolicy;
import io.salus.core.merkle.Hash32;
import io.salus.core.usecase.deal.DealQueries;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Deals as the API shows them to their consumer: the terms and split, the node's phase, the released (noisy) cohort
 * size and never the exact one, how many patients were delivered (once settled: the payments show it anyway), the
 * chain's status, escrow and package hashes, the criteria commitment with its salt, and the transactions. Stateless.
 */
final class DealViews {
    private DealViews() {
    }

    static Map<String, Object> deal(Deal d, Optional<DealState> chain) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("dealId", d.id().hex());
        m.put("status", d.phase().name());
        m.put("categories", d.categories().stream().map(Enum::name).toList());
        m.put("purpose", d.terms().purpose().name());
        m.put("pricePerPatient", d.terms().pricePerPatient());
        m.put("maxPatients", d.terms().maxPatients());
        m.put("deadline", d.terms().deadline().toString());
        m.put("split", split(d.terms().split()));
        m.put("criteriaCommitment", d.terms().criteriaCommitment().hex());
        m.put("criteriaSalt", d.criteriaSalt().hex());
        d.releasedSize().ifPresent(s -> m.put("cohortSize", s));
        if (d.phase() == DealPhase.SETTLED) {
            m.put("delivered", d.delivered());
        }
        chain.ifPresent(c -> {
            Map<String, Object> on = new LinkedHashMap<>();
            on.put("status", c.status().name());
            on.put("escrow", c.escrow());
            on.put("refunded", c.refunded());
            on.put("paidPatients", c.paidPatients());
            c.packageHash().map(Hash32::hex).ifPresent(h -> on.put("packageHash", h));
            c.ciphertextHash().map(Hash32::hex).ifPresent(h -> on.put("ciphertextHash", h));
            m.put("chain", on);
            c.packageHash().map(Hash32::hex).ifPresent(h -> m.put("packageHash", h));
        });
        m.put("transactions", d.txs().stream().map(t -> Map.of("kind", t.kind(), "txHash", t.txHash(), "block",
                t.block())).toList());
        return m;
    }

    static Map<String, Object> deal(DealQueries.View v) {
        return deal(v.deal(), v.chain());
    }

    static Map<String, Object> split(Split s) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("patient", s.patient());
        m.put("providers", s.providers());
        m.put("caregiver", s.caregiver());
        m.put("daoTreasury", s.daoTreasury());
        m.put("operator", s.operator());
        return m;
    }

    static Map<String, Object> policy(SplitPolicy p) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("minPatient", p.minPatient());
        m.put("minProviders", p.minProviders());
        m.put("minCaregiver", p.minCaregiver());
        m.put("minDaoTreasury", p.minDaoTreasury());
        m.put("maxOperator", p.maxOperator());
        m.put("defaultSplit", split(p.defaultSplit()));
        return m;
    }

    static Map<String, Object> key(DealEvent.KeyReleased k) {
        return Map.of("dealId", k.dealId().hex(), "wrappedKey", "0x" + java.util.HexFormat.of().formatHex(
                k.wrappedKey()), "ciphertextHash", k.ciphertextHash().hex(), "txHash", k.txHash(), "block",
                k.block());
    }

    static List<Map<String, Object>> payments(List<DealEvent.Paid> paid) {
        return paid.stream().map(p -> Map.<String, Object>of("dealId", p.dealId().hex(), "role", p.role().name(),
                "amount", p.amount(), "payee", p.payee().hex(), "txHash", p.txHash())).toList();
    }
}
