package io.salus.zk;

import static org.assertj.core.api.Assertions.assertThat;

import io.salus.core.account.EvmAddress;
import io.salus.core.error.ErrorCode;
import io.salus.core.zk.ScopePolicy;
import java.math.BigInteger;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import org.junit.jupiter.api.Test;

/** The claim built from a scope's public policy, the same for the CLI's prover and the portal's page. */
class ScopeClaimsTest {
    private static final Instant NOW = Instant.parse("2026-12-06T11:00:00Z");
    private static final EvmAddress RECIPIENT = new EvmAddress("0x" + "12".repeat(20));

    @Test
    void adultsOnlyScope_narrowsTheRangeToTodaysCutoff_andTheFreshnessBoundDependsOnlyOnTheClock() {
        ScopePolicy adults = new ScopePolicy(AttributeKind.BIRTH_DATE.element(), BigInteger.ZERO,
                AttributeCodes.MAX_VALUE, Duration.ofDays(365), 18);
        ScopeClaims.Statement s = ScopeClaims.statement(adults, NOW).orElseThrow();
        assertThat(s.predicate()).isEqualTo(new Predicate(BigInteger.ZERO, BigInteger.valueOf(20_081_206)));
        assertThat(s.notBefore()).isEqualTo(Claim.notBeforeFor(NOW.getEpochSecond(), 365 * 86_400L));
        Claim claim = ScopeClaims.forScope(AttributeKind.BIRTH_DATE, adults, NOW, BigInteger.TEN, RECIPIENT)
                .orElseThrow();
        assertThat(claim.predicate()).isEqualTo(s.predicate());
        assertThat(claim.notBefore()).isEqualTo(s.notBefore());
        assertThat(AttributeCodes.ageCutoff(LocalDate.of(2026, 12, 6), 18)).isEqualTo(s.predicate().hi());
    }

    @Test
    void anotherKind_anEmptyRangeToday_orAMaxAgeUnderFourSeconds_areRefused() {
        ScopePolicy hba1c = new ScopePolicy(AttributeKind.observation("http://loinc.org", "4548-4").element(),
                BigInteger.valueOf(65), AttributeCodes.MAX_VALUE, Duration.ofDays(30), 0);
        assertThat(ScopeClaims.forScope(AttributeKind.BIRTH_DATE, hba1c, NOW, BigInteger.TEN, RECIPIENT).failure()
                .code()).isEqualTo(ErrorCode.ZK_CLAIM_OUTSIDE_POLICY);
        ScopePolicy bornAfter2020Adults = new ScopePolicy(AttributeKind.BIRTH_DATE.element(),
                BigInteger.valueOf(20_200_101), AttributeCodes.MAX_VALUE, Duration.ofDays(30), 18);
        assertThat(ScopeClaims.statement(bornAfter2020Adults, NOW).failure().code())
                .isEqualTo(ErrorCode.ZK_CLAIM_OUTSIDE_POLICY);
        ScopePolicy tooFresh = new ScopePolicy(hba1c.kind(), hba1c.lo(), hba1c.hi(), Duration.ofSeconds(3), 0);
        assertThat(ScopeClaims.statement(tooFresh, NOW).failure().code()).isEqualTo(ErrorCode.ZK_CLAIM_OUTSIDE_POLICY);
    }
}
