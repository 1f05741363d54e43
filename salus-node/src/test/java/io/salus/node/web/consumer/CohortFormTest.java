package io.salus.node.web.consumer;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.salus.core.consent.Purpose;
import io.salus.core.error.ErrorCode;
import io.salus.core.error.Result;
import io.salus.core.record.Category;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class CohortFormTest {
    private final CohortForm form = new CohortForm();

    static Map<String, List<String>> fields(String... kv) {
        Map<String, List<String>> m = new HashMap<>();
        for (int i = 0; i < kv.length; i += 2) {
            m.computeIfAbsent(kv[i], k -> new java.util.ArrayList<>()).add(kv[i + 1]);
        }
        return m;
    }

    private static String json(Result<CohortForm.Cohort> r) throws Exception {
        return new ObjectMapper().readTree(r.orElseThrow().criteria()).toString();
    }

    @Test
    void codesWithThresholdAgeSexAndWindow_becomeTheCriteriaLanguage() throws Exception {
        Result<CohortForm.Cohort> r = form.read(fields("code.0", "condition|snomed|44054006", "code.1",
                "observation|loinc|4548-4", "op.1", ">=", "value.1", "6.5", "unit.1", "%", "code.2",
                "medication|rxnorm|860975", "exclude.2", "on", "ageMin", "40", "ageMax", "75", "sex", "female",
                "from", "2020-01-01", "to", "2025-12-31", "categories", "VITAL_SIGNS", "categories", "LAB_RESULTS",
                "purpose", "HRESCH"));

        assertThat(json(r)).isEqualTo("{\"all\":[{\"condition\":{\"system\":\"snomed\",\"code\":\"44054006\"}},"
                + "{\"observation\":{\"system\":\"loinc\",\"code\":\"4548-4\",\"value\":{\">=\":6.5,\"unit\":\"%\"}}},"
                + "{\"not\":{\"medication\":{\"system\":\"rxnorm\",\"code\":\"860975\"}}},"
                + "{\"age\":{\"min\":40,\"max\":75}},{\"sex\":\"female\"}],"
                + "\"window\":{\"from\":\"2020-01-01\",\"to\":\"2025-12-31\"}}");
        assertThat(r.orElseThrow().categories()).containsExactly(Category.VITAL_SIGNS, Category.LAB_RESULTS);
        assertThat(r.orElseThrow().purpose()).isEqualTo(Purpose.HRESCH);
    }

    @Test
    void matchAny_putsTheCodesUnderAnyAndKeepsDemographicsRequired() throws Exception {
        Result<CohortForm.Cohort> r = form.read(fields("code.0", "condition|snomed|59621000", "code.3",
                "condition|icd10cm|I10", "match", "any", "ageMin", "18", "categories", "CONDITIONS", "purpose",
                "HRESCH"));

        assertThat(json(r)).isEqualTo("{\"all\":[{\"any\":[{\"condition\":{\"system\":\"snomed\",\"code\":"
                + "\"59621000\"}},{\"condition\":{\"system\":\"icd10cm\",\"code\":\"I10\"}}]},{\"age\":{\"min\":18}}]}");
    }

    @Test
    void anEmptyCohort_isRefusedWithTheFormCode() {
        Result<CohortForm.Cohort> r = form.read(fields("categories", "CONDITIONS", "purpose", "HRESCH"));

        assertThat(r.failure().code()).isEqualTo(ErrorCode.COHORT_FORM_INVALID);
        assertThat(r.failure().issues().get(0).location()).isEqualTo("code.0");
    }

    @Test
    void aThresholdWithoutComparison_namesTheField() {
        Result<CohortForm.Cohort> r = form.read(fields("code.0", "observation|loinc|4548-4", "value.0", "6.5",
                "categories", "LAB_RESULTS", "purpose", "HRESCH"));

        assertThat(r.failure().code()).isEqualTo(ErrorCode.COHORT_FORM_INVALID);
        assertThat(r.failure().issues().get(0).location()).isEqualTo("op.0");
    }

    @Test
    void aNonNumericValue_namesTheField() {
        Result<CohortForm.Cohort> r = form.read(fields("code.0", "observation|loinc|4548-4", "op.0", ">",
                "value.0", "six", "categories", "LAB_RESULTS", "purpose", "HRESCH"));

        assertThat(r.failure().issues().get(0).location()).isEqualTo("value.0");
    }

    @Test
    void whatTheCriteriaParserRefuses_isRefusedHereToo() {
        Result<CohortForm.Cohort> r = form.read(fields("code.0", "condition|icd9|250", "categories", "CONDITIONS",
                "purpose", "HRESCH"));

        assertThat(r.failure().code()).isEqualTo(ErrorCode.COHORT_FORM_INVALID);
        assertThat(r.failure().detail()).contains("icd9");
    }

    @Test
    void aThresholdOnACondition_isRefusedByTheSameRulesAsTheApi() {
        Result<CohortForm.Cohort> r = form.read(fields("code.0", "condition|snomed|1", "op.0", ">", "value.0", "1",
                "categories", "CONDITIONS", "purpose", "HRESCH"));

        assertThat(r.failure().detail()).contains("observations only");
    }

    @Test
    void anInvertedAgeRange_isRefused() {
        Result<CohortForm.Cohort> r = form.read(fields("ageMin", "70", "ageMax", "40", "categories", "CONDITIONS",
                "purpose", "HRESCH"));

        assertThat(r.failure().detail()).contains("below min");
    }

    @Test
    void noCategoryOrNoPurpose_isRefusedOnItsField() {
        assertThat(form.read(fields("sex", "male", "purpose", "HRESCH")).failure().issues().get(0).location())
                .isEqualTo("categories");
        assertThat(form.read(fields("sex", "male", "categories", "CONDITIONS")).failure().issues().get(0)
                .location()).isEqualTo("purpose");
    }

    @Test
    void aMalformedCodeKey_isRefused() {
        assertThat(form.read(fields("code.0", "nonsense", "categories", "CONDITIONS", "purpose", "HRESCH"))
                .failure().issues().get(0).location()).isEqualTo("code.0");
    }
}
