package io.salus.bench.cohort;

import static org.assertj.core.api.Assertions.assertThat;

import io.salus.bench.population.ModelLearner;
import io.salus.bench.population.PatientGenerator;
import org.junit.jupiter.api.Test;

class FeatureDrawsTest {
    private static final PatientGenerator GENERATOR = new PatientGenerator(ModelLearner.fromFixtures(), 7, 3);

    @Test
    void directFeatures_equalWhatTheFeatureExtractorFindsInTheGeneratedBundles() {
        FeatureDraws draws = new FeatureDraws(GENERATOR);
        BundleFeatures extracted = new BundleFeatures();
        long features = 0;
        for (int i = 0; i < 300; i++) {
            PatientFeatures direct = draws.patient(i);
            assertThat(direct).as("patient %d", i).isEqualTo(extracted.of(i, GENERATOR.bundle(i)));
            features += direct.features().size();
        }
        assertThat(features).isGreaterThan(300 * 10);
    }

    @Test
    void sameSeedAndIndex_giveTheSameFeatures() {
        assertThat(new FeatureDraws(GENERATOR).patient(42)).isEqualTo(new FeatureDraws(GENERATOR).patient(42));
    }
}
