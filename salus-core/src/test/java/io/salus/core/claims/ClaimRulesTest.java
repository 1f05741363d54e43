package io.salus.core.claims;

import static org.assertj.core.api.Assertions.assertThat;

import io.salus.core.account.AccountId;
import io.salus.core.consent.Decision;
import io.salus.core.error.ErrorCode;
import io.salus.core.record.RecordId;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** Each adjudication rule on its own: one fact broken, the claim refused for that reason only. */
class ClaimRulesTest {
    static final LocalDate START = LocalDate.of(2026, 1, 1);
    static final CoveragePlan PLAN = new CoveragePlan(UUID.randomUUID(), AccountId.random(), AccountId.random(),
            START, LocalDate.of(2026, 12, 31), Map.of("99213", 150_000_000L, "80053", 40_000_000L));
    static final ClaimFacts.Evidence CONSENTED = new ClaimFacts.Evidence(RecordId.random(),
            Optional.of(Decision.permitByGrant(7, "grant 7")));

    static ClaimFacts facts(boolean licensed, List<ClaimFacts.Evidence> evidence, Map<String, Long> used) {
        return new ClaimFacts(PLAN, licensed, evidence, used);
    }

    static ClaimLine line(int seq, String service, LocalDate day, long amount) {
        return new ClaimLine(seq, service, day, amount);
    }

    static final ClaimLine VISIT = line(1, "99213", LocalDate.of(2026, 3, 4), 120_000_000L);

    @Test
    void claimWithinEveryRule_isApprovedInFull() {
        Adjudication a = ClaimRules.adjudicate(List.of(VISIT, line(2, "80053", VISIT.servedOn(), 40_000_000L)),
                facts(true, List.of(CONSENTED), Map.of()));
        assertThat(a.outcome()).isEqualTo(Adjudication.Outcome.APPROVED);
        assertThat(a.approvedTotal()).isEqualTo(160_000_000L);
        assertThat(a.allReasons()).isEmpty();
    }

    @Test
    void inactiveCoverage_refusesTheClaim() {
        Adjudication a = ClaimRules.adjudicate(List.of(line(1, "99213", LocalDate.of(2027, 1, 1), 1)),
                facts(true, List.of(CONSENTED), Map.of()));
        assertThat(a.outcome()).isEqualTo(Adjudication.Outcome.REFUSED);
        assertThat(a.allReasons()).containsExactly(ClaimReason.COVERAGE_INACTIVE);
        assertThat(a.approvedTotal()).isZero();
    }

    @Test
    void uncoveredService_refusesTheClaim() {
        Adjudication a = ClaimRules.adjudicate(List.of(VISIT, line(2, "70450", VISIT.servedOn(), 1)),
                facts(true, List.of(CONSENTED), Map.of()));
        assertThat(a.allReasons()).containsExactly(ClaimReason.SERVICE_NOT_COVERED);
        assertThat(a.lines().get(0).approved()).as("all or nothing").isZero();
    }

    @Test
    void amountOverTheLimit_refusesTheClaim_countingWhatWasApprovedBefore() {
        assertThat(ClaimRules.adjudicate(List.of(line(1, "99213", VISIT.servedOn(), 150_000_001L)),
                facts(true, List.of(CONSENTED), Map.of())).allReasons()).containsExactly(ClaimReason.AMOUNT_OVER_LIMIT);
        assertThat(ClaimRules.adjudicate(List.of(VISIT), facts(true, List.of(CONSENTED),
                Map.of("99213", 30_000_001L))).allReasons()).containsExactly(ClaimReason.AMOUNT_OVER_LIMIT);
        assertThat(ClaimRules.adjudicate(List.of(VISIT, line(2, "99213", VISIT.servedOn(), 30_000_001L)),
                facts(true, List.of(CONSENTED), Map.of())).lines().get(1).reasons())
                .containsExactly(ClaimReason.AMOUNT_OVER_LIMIT);
    }

    @Test
    void zeroOrNegativeAmount_isNeverApproved() {
        assertThat(ClaimRules.adjudicate(List.of(line(1, "99213", VISIT.servedOn(), 0)),
                facts(true, List.of(CONSENTED), Map.of())).outcome()).isEqualTo(Adjudication.Outcome.REFUSED);
        assertThat(ClaimRules.adjudicate(List.of(line(1, "99213", VISIT.servedOn(), -5)),
                facts(true, List.of(CONSENTED), Map.of())).outcome()).isEqualTo(Adjudication.Outcome.REFUSED);
    }

    @Test
    void unconsentedEvidence_refusesTheClaim() {
        ClaimFacts.Evidence denied = new ClaimFacts.Evidence(RecordId.random(),
                Optional.of(Decision.deny(ErrorCode.NO_CONSENT, "no grant")));
        Adjudication a = ClaimRules.adjudicate(List.of(VISIT), facts(true, List.of(CONSENTED, denied), Map.of()));
        assertThat(a.allReasons()).containsExactly(ClaimReason.EVIDENCE_NOT_CONSENTED);
    }

    @Test
    void missingOrForeignEvidence_refusesTheClaim() {
        assertThat(ClaimRules.adjudicate(List.of(VISIT), facts(true, List.of(), Map.of())).allReasons())
                .containsExactly(ClaimReason.EVIDENCE_MISSING);
        assertThat(ClaimRules.adjudicate(List.of(VISIT), facts(true, List.of(CONSENTED,
                ClaimFacts.Evidence.missing(RecordId.random())), Map.of())).allReasons())
                .containsExactly(ClaimReason.EVIDENCE_MISSING);
    }

    @Test
    void unlicensedProvider_refusesTheClaim() {
        Adjudication a = ClaimRules.adjudicate(List.of(VISIT), facts(false, List.of(CONSENTED), Map.of()));
        assertThat(a.allReasons()).containsExactly(ClaimReason.PROVIDER_UNLICENSED);
        assertThat(a.reasons()).containsExactly(ClaimReason.PROVIDER_UNLICENSED);
    }

    @Test
    void coveragePlan_refusesBadPeriodsCodesAndLimits() {
        AccountId i = AccountId.random();
        AccountId p = AccountId.random();
        LocalDate end = START.plusDays(1);
        assertThat(CoveragePlan.of(UUID.randomUUID(), i, p, end, START, Map.of("a", 1L)).failure().code())
                .isEqualTo(ErrorCode.COVERAGE_INVALID);
        assertThat(CoveragePlan.of(UUID.randomUUID(), i, p, START, end, Map.of()).failure().code())
                .isEqualTo(ErrorCode.COVERAGE_INVALID);
        assertThat(CoveragePlan.of(UUID.randomUUID(), i, p, START, end, Map.of("a b", 1L)).failure().code())
                .isEqualTo(ErrorCode.COVERAGE_INVALID);
        assertThat(CoveragePlan.of(UUID.randomUUID(), i, p, START, end, Map.of("a", 0L)).failure().code())
                .isEqualTo(ErrorCode.COVERAGE_INVALID);
        assertThat(CoveragePlan.of(UUID.randomUUID(), i, p, START, end, Map.of("a", CoveragePlan.MAX_AMOUNT + 1))
                .failure().code()).isEqualTo(ErrorCode.COVERAGE_INVALID);
        assertThat(CoveragePlan.of(UUID.randomUUID(), i, p, START, START, Map.of("a", 1L)).isOk()).isTrue();
    }
}
