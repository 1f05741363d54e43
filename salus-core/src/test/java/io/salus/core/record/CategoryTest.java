package io.salus.core.record;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.Set;
import org.junit.jupiter.api.Test;

class CategoryTest {

    @Test
    void observationsAreVitalSignsOnlyWhenCategorisedSo() {
        assertThat(Category.of("Observation", Set.of("vital-signs"))).contains(Category.VITAL_SIGNS);
        assertThat(Category.of("Observation", Set.of("laboratory"))).contains(Category.LAB_RESULTS);
        assertThat(Category.of("Observation", Set.of())).contains(Category.LAB_RESULTS);
    }

    @Test
    void resourceTypesMapToTheirCategory() {
        assertThat(Category.of("Condition", Set.of())).contains(Category.CONDITIONS);
        assertThat(Category.of("MedicationRequest", Set.of())).contains(Category.MEDICATIONS);
        assertThat(Category.of("Immunization", Set.of())).contains(Category.IMMUNIZATIONS);
        assertThat(Category.of("Patient", Set.of())).contains(Category.DEMOGRAPHICS);
    }

    @Test
    void directoryResourcesHaveNoCategory() {
        assertThat(Category.of("Organization", Set.of())).isEmpty();
        assertThat(Category.of("Practitioner", Set.of())).isEmpty();
    }

    @Test
    void bitsAreDistinctAndFitInOneWord() {
        assertThat(Arrays.stream(Category.values()).mapToInt(Category::bit).distinct().count())
                .isEqualTo(Category.values().length);
        assertThat(Arrays.stream(Category.values()).mapToInt(Category::bit).max().orElseThrow()).isLessThan(64);
    }

    @Test
    void parseAcceptsNamesInAnyCaseAndWithDashes() {
        assertThat(Category.parse("vital-signs")).contains(Category.VITAL_SIGNS);
        assertThat(Category.parse("nonsense")).isEmpty();
    }
}
