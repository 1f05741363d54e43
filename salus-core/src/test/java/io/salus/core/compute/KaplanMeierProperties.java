package io.salus.core.compute;

import static org.assertj.core.api.Assertions.assertThat;

import io.salus.core.privacy.Epsilon;
import java.util.List;
import java.util.SplittableRandom;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

class KaplanMeierProperties {

    @Provide
    Arbitrary<List<KaplanMeier.Observation>> cohorts() {
        return Combinators.combine(Arbitraries.doubles().between(0, 30), Arbitraries.of(true, false))
                .as(KaplanMeier.Observation::new).list().ofMaxSize(300);
    }

    @Property(tries = 80)
    void aReleasedCurve_staysInTheUnitInterval_andNeverRises(@ForAll("cohorts") List<KaplanMeier.Observation> obs,
            @ForAll long seed) {
        KaplanMeier km = new KaplanMeier(new NoisySum(new SplittableRandom(seed)));

        KaplanMeier.Curve c = km.release(obs, 2, 12, Epsilon.parse("0.5").orElseThrow()).orElseThrow();

        double previous = 1;
        for (KaplanMeier.Point p : c.points()) {
            assertThat(p.survival()).isBetween(0.0, previous);
            previous = p.survival();
        }
    }

    @Property(tries = 80)
    void theExactCurve_staysInTheUnitInterval_andNeverRises(@ForAll("cohorts") List<KaplanMeier.Observation> obs) {
        double previous = 1;
        for (KaplanMeier.Point p : KaplanMeier.exact(obs)) {
            assertThat(p.survival()).isBetween(0.0, previous);
            previous = p.survival();
        }
    }
}
