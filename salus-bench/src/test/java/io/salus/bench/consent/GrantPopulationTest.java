package io.salus.bench.consent;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.salus.core.consent.Grant;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class GrantPopulationTest {
    private static final GrantPopulation POP = new GrantPopulation(20_000, 3);
    private static final List<Grant> ALL = POP.grants().toList();

    @Test
    void sameSeed_givesTheSameGrants_andPatientIsTheSameAloneOrInTheStream() {
        assertThat(new GrantPopulation(20_000, 3).grants().toList()).isEqualTo(ALL);
        assertThat(POP.grantsOf(12_345)).isEqualTo(ALL.stream()
                .filter(g -> g.terms().patient().equals(GrantPopulation.patient(12_345))).toList());
        assertThat(new GrantPopulation(200, 4).grants().toList()).isNotEqualTo(POP.grants().limit(400).toList());
    }

    @Test
    void everyPatientHasOneToThreeWellFormedGrants_withUniqueIds() {
        assertThat(ALL).allSatisfy(g -> assertThat(g.terms().wellFormed()).isTrue());
        assertThat(ALL.stream().map(Grant::id).collect(Collectors.toSet())).hasSameSizeAs(ALL);
        var perPatient = ALL.stream().collect(Collectors.groupingBy(g -> g.terms().patient(), Collectors.counting()));
        assertThat(perPatient).hasSize(20_000);
        assertThat(perPatient.values()).allSatisfy(n -> assertThat(n).isBetween(1L, 3L));
        assertThat(Set.copyOf(perPatient.values())).containsExactlyInAnyOrder(1L, 2L, 3L);
    }

    @Test
    void aboutFivePercentAreRevoked_atOrBeforeTheHead_afterTheirGrantBlock() {
        List<Grant> revoked = ALL.stream().filter(g -> g.revokedAtBlock().isPresent()).toList();
        assertThat((double) revoked.size() / ALL.size()).isCloseTo(0.05, within(0.01));
        assertThat(revoked).allSatisfy(g -> assertThat(g.revokedAtBlock().orElseThrow())
                .isGreaterThan(g.grantedAtBlock()).isLessThanOrEqualTo(GrantPopulation.HEAD));
    }

    @Test
    void windowsAreMostlyCurrent_someExpired_someNotYetValid() {
        double expired = share(g -> !GrantPopulation.NOW.isBefore(g.terms().validUntil()));
        double future = share(g -> GrantPopulation.NOW.isBefore(g.terms().validFrom()));
        assertThat(future).isCloseTo(0.10, within(0.015));
        assertThat(expired).isBetween(0.10, 0.60);
        assertThat(1 - expired - future).isGreaterThan(0.3);
    }

    @Test
    void aFewGrantsNameAConsumer_andItIsNeverTheBenchmarksRequester() {
        double named = share(g -> g.terms().namedConsumer().isPresent());
        assertThat(named).isCloseTo(0.03, within(0.01));
        assertThat(GrantPopulation.NAMED_CONSUMER).isNotEqualTo(PolicyEvaluation.REQUESTER);
    }

    private static double share(java.util.function.Predicate<Grant> p) {
        return (double) ALL.stream().filter(p).count() / ALL.size();
    }
}
