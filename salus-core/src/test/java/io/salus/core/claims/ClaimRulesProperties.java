package io.salus.core.claims;

import static org.assertj.core.api.Assertions.assertThat;

import io.salus.core.account.AccountId;
import io.salus.core.consent.Decision;
import io.salus.core.error.ErrorCode;
import io.salus.core.record.RecordId;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/** The claim rules over random plans, claims and facts: what any adjudication must hold. */
class ClaimRulesProperties {
    static final LocalDate START = LocalDate.of(2026, 1, 1);
    static final LocalDate END = LocalDate.of(2026, 6, 30);
    static final Map<String, Long> LIMITS = Map.of("A", 100L, "B", 250L, "C", 1_000L);

    record Case(List<ClaimLine> lines, boolean licensed, List<ClaimFacts.Evidence> evidence, Map<String, Long> used) {
        ClaimFacts facts() {
            return new ClaimFacts(new CoveragePlan(UUID.randomUUID(), AccountId.random(), AccountId.random(), START,
                    END, LIMITS), licensed, evidence, used);
        }
    }

    @Provide
    Arbitrary<Case> cases() {
        Arbitrary<ClaimLine> line = Combinators.combine(Arbitraries.of("A", "B", "C", "D"),
                Arbitraries.integers().between(-10, 220), Arbitraries.longs().between(-5, 1_200))
                .as((s, d, amt) -> new ClaimLine(1, s, START.minusDays(10).plusDays(d), amt));
        Arbitrary<ClaimFacts.Evidence> evidence = Arbitraries.of(0, 1, 2, 2, 2).map(k -> switch (k) {
            case 0 -> ClaimFacts.Evidence.missing(RecordId.random());
            case 1 -> new ClaimFacts.Evidence(RecordId.random(), Optional.of(Decision.deny(ErrorCode.NO_CONSENT,
                    "no grant")));
            default -> new ClaimFacts.Evidence(RecordId.random(), Optional.of(Decision.permitByGrant(1, "g")));
        });
        Arbitrary<Map<String, Long>> used = Arbitraries.longs().between(0, 300).list().ofSize(3)
                .map(l -> Map.of("A", l.get(0) / 3, "B", l.get(1), "C", l.get(2)));
        return Combinators.combine(line.list().ofMinSize(1).ofMaxSize(6), Arbitraries.of(true, true, false),
                evidence.list().ofMaxSize(3), used).as(Case::new);
    }

    @Property(tries = 500)
    void approved_iffNoRuleIsBroken_andThenEveryAmountInFull(@ForAll("cases") Case c) {
        Adjudication a = ClaimRules.adjudicate(c.lines(), c.facts());
        assertThat(a.approved()).isEqualTo(a.allReasons().isEmpty());
        if (a.approved()) {
            assertThat(a.approvedTotal()).isEqualTo(c.lines().stream().mapToLong(ClaimLine::amount).sum());
        } else {
            assertThat(a.lines()).allMatch(l -> l.approved() == 0);
        }
    }

    @Property(tries = 500)
    void anApprovedClaim_keepsEveryServiceWithinItsLimit_andOnlyCoveredActivePositiveItems(@ForAll("cases") Case c) {
        Adjudication a = ClaimRules.adjudicate(c.lines(), c.facts());
        if (!a.approved()) {
            return;
        }
        assertThat(c.licensed()).isTrue();
        assertThat(c.evidence()).isNotEmpty().allMatch(ClaimFacts.Evidence::consented);
        Map<String, Long> total = new HashMap<>(c.used());
        for (ClaimLine l : c.lines()) {
            assertThat(l.amount()).isPositive();
            assertThat(l.servedOn()).isBetween(START, END);
            assertThat(LIMITS).containsKey(l.service());
            total.merge(l.service(), l.amount(), Long::sum);
        }
        // only the services this claim approves: what was used of another service before may exceed its limit already
        c.lines().stream().map(ClaimLine::service).distinct().forEach(s -> assertThat(total.get(s))
                .isLessThanOrEqualTo(LIMITS.get(s)));
    }

    @Property(tries = 300)
    void breakingOneMoreFact_neverTurnsARefusalIntoAnApproval(@ForAll("cases") Case c) {
        List<ClaimFacts.Evidence> worse = new ArrayList<>(c.evidence());
        worse.add(new ClaimFacts.Evidence(RecordId.random(), Optional.of(Decision.deny(ErrorCode.CONSENT_REVOKED,
                "revoked"))));
        Adjudication a = ClaimRules.adjudicate(c.lines(), new Case(c.lines(), c.licensed(), worse, c.used()).facts());
        assertThat(a.approved()).isFalse();
        assertThat(a.allReasons()).contains(ClaimReason.EVIDENCE_NOT_CONSENTED);
    }
}
