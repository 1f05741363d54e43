package io.salus.core.claims;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The insurer's adjudication rules (docs/care.md), pure and total. Claim level: the provider holds a presented, valid
 * licence; the claim cites evidence, every cited record is the patient's, and the patient consents that the insurer
 * sees each for payment. Item level, in order: the coverage is active on the service date; it covers the service; the
 * amount, added to what the coverage already approved for the service and to the claim's earlier items for it, stays
 * within the service's limit. Any reason refuses the whole claim (nothing approved); else every item is approved in
 * full.
 */
public final class ClaimRules {
    private ClaimRules() {
    }

    public static Adjudication adjudicate(List<ClaimLine> items, ClaimFacts facts) {
        List<ClaimReason> claimReasons = new ArrayList<>();
        if (!facts.providerLicensed()) {
            claimReasons.add(ClaimReason.PROVIDER_UNLICENSED);
        }
        if (facts.evidence().isEmpty() || facts.evidence().stream().anyMatch(e -> !e.held())) {
            claimReasons.add(ClaimReason.EVIDENCE_MISSING);
        }
        if (facts.evidence().stream().anyMatch(e -> e.held() && !e.consented())) {
            claimReasons.add(ClaimReason.EVIDENCE_NOT_CONSENTED);
        }
        Map<String, Long> used = new HashMap<>(facts.approvedSoFar());
        List<LineCheck> checked = new ArrayList<>();
        for (ClaimLine item : items) {
            List<ClaimReason> reasons = new ArrayList<>();
            if (!facts.coverage().activeOn(item.servedOn())) {
                reasons.add(ClaimReason.COVERAGE_INACTIVE);
            }
            var limit = facts.coverage().limitOf(item.service());
            if (limit.isEmpty()) {
                reasons.add(ClaimReason.SERVICE_NOT_COVERED);
            } else {
                long before = used.getOrDefault(item.service(), 0L);
                if (item.amount() <= 0 || item.amount() > limit.get() - before) {
                    reasons.add(ClaimReason.AMOUNT_OVER_LIMIT);
                } else {
                    used.put(item.service(), before + item.amount());
                }
            }
            checked.add(new LineCheck(item, reasons));
        }
        boolean refused = items.isEmpty() || !claimReasons.isEmpty()
                || checked.stream().anyMatch(c -> !c.reasons().isEmpty());
        List<Adjudication.Line> lines = checked.stream().map(c -> new Adjudication.Line(c.item().sequence(),
                c.item().service(), c.item().amount(), refused ? 0 : c.item().amount(), c.reasons())).toList();
        return new Adjudication(refused ? Adjudication.Outcome.REFUSED : Adjudication.Outcome.APPROVED,
                claimReasons, lines);
    }

    private record LineCheck(ClaimLine item, List<ClaimReason> reasons) {
    }
}
