package io.salus.fhir.server;

import static org.assertj.core.api.Assertions.assertThat;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.rest.param.DateParam;
import ca.uhn.fhir.rest.param.DateRangeParam;
import ca.uhn.fhir.rest.param.ParamPrefixEnum;
import ca.uhn.fhir.rest.param.TokenAndListParam;
import ca.uhn.fhir.rest.param.TokenParam;
import io.salus.core.record.Category;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.DateTimeType;
import org.hl7.fhir.r4.model.Observation;
import org.junit.jupiter.api.Test;

/** Search parameter semantics: R4 date prefixes over precision ranges, token forms, categories per type. */
class SearchSemanticsTest {
    static final SearchMatcher MATCHER = new SearchMatcher(FhirContext.forR4());

    static Observation observation(String when) {
        Observation o = new Observation();
        o.setCode(new CodeableConcept().addCoding(new Coding("http://loinc.org", "8867-4", "Heart rate")));
        o.setEffective(new DateTimeType(when));
        o.setStatus(Observation.ObservationStatus.FINAL);
        return o;
    }

    static boolean date(Observation o, String param) {
        return MATCHER.dates(o, "date", new DateRangeParam(new DateParam(param)));
    }

    @Test
    void datePrefixes_compareRangesByPrecision() {
        Observation march = observation("2024-03-15T10:00:00Z");
        assertThat(date(march, "2024-03")).as("eq: within March").isTrue();
        assertThat(date(march, "2024-04")).isFalse();
        assertThat(date(march, "gt2024-03-14")).isTrue();
        assertThat(date(march, "gt2024-03-15")).isFalse();
        assertThat(date(march, "lt2024-03-16")).isTrue();
        assertThat(date(march, "ge2024-03-15")).isTrue();
        assertThat(date(march, "le2024-03-14")).isFalse();
        assertThat(date(march, "sa2024-03-14")).isTrue();
        assertThat(date(march, "eb2024-03-16")).isTrue();
        assertThat(DateRanges.matches(ParamPrefixEnum.NOT_EQUAL, new long[]{10, 20}, new long[]{0, 30})).isFalse();
        assertThat(DateRanges.matches(ParamPrefixEnum.NOT_EQUAL, new long[]{10, 40}, new long[]{0, 30})).isTrue();
        assertThat(DateRanges.matches(ParamPrefixEnum.APPROXIMATE, new long[]{10, 20}, new long[]{15, 30}))
                .isTrue();
    }

    @Test
    void tokens_matchCodeSystemAndCodeForms() {
        Observation o = observation("2024-03-15");
        assertThat(MATCHER.tokens(o, "code", new TokenAndListParam().addAnd(new TokenParam("8867-4")))).isTrue();
        assertThat(MATCHER.tokens(o, "code", new TokenAndListParam().addAnd(new TokenParam("http://loinc.org",
                "8867-4")))).isTrue();
        assertThat(MATCHER.tokens(o, "code", new TokenAndListParam().addAnd(new TokenParam("http://snomed.info/sct",
                "8867-4")))).isFalse();
        assertThat(MATCHER.tokens(o, "code", new TokenAndListParam().addAnd(new TokenParam("http://loinc.org",
                "")))).as("system|").isTrue();
        assertThat(MATCHER.tokens(o, "code", new TokenAndListParam().addAnd(new TokenParam("", "8867-4"))))
                .as("|code: no system").isFalse();
        assertThat(MATCHER.tokens(o, "status", new TokenAndListParam().addAnd(new TokenParam("final")))).isTrue();
    }

    @Test
    void observationCategories_narrowTheReleasedCategories() {
        assertThat(FhirReads.categories("Observation", new TokenAndListParam().addAnd(new TokenParam(
                "vital-signs")))).containsExactly(Category.VITAL_SIGNS);
        assertThat(FhirReads.categories("Observation", null)).containsExactlyInAnyOrder(Category.VITAL_SIGNS,
                Category.LAB_RESULTS);
        assertThat(FhirReads.categories("Condition", null)).containsExactly(Category.CONDITIONS);
    }

    @Test
    void everyServedType_hasADataCategory() {
        assertThat(FhirServlet.everyTypeHasACategory()).isTrue();
    }
}
