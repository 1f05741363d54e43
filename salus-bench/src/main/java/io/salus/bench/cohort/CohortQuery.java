package io.salus.bench.cohort;

import io.salus.compute.cohort.CriteriaParser;
import io.salus.core.cohort.Criterion;
import java.util.List;

/**
 * A cohort criterion the benchmark counts: a short name, its text in the criteria language ({@code docs/cohorts.md})
 * and its parsed form. Immutable.
 */
public record CohortQuery(String name, String json, Criterion criterion) {

    static CohortQuery of(String name, String json) {
        return new CohortQuery(name, json, new CriteriaParser().parse(json).orElseThrow());
    }

    /**
     * Eight realistic criteria over the generated population's codes (the Synthea fixtures' SNOMED CT, RxNorm and
     * LOINC codes): a condition; an observation threshold; a threshold inside a date window; the documented diabetes
     * example (AND with NOT, age, sex and a window); an OR of conditions and a lab threshold in a window; age and
     * sex; an exclusion of a common condition with a common vital sign in a window; a wide OR of eight conditions.
     */
    public static List<CohortQuery> standard() {
        return List.of(of("condition: type 2 diabetes", cond("44054006")),
                of("observation: BMI >= 30 kg/m2", obs("39156-5", ">=", 30, "kg/m2", "")),
                of("observation in a window: HbA1c >= 6.5 % in 2023-2024",
                        obs("4548-4", ">=", 6.5, "%", "2023-01-01\",\"to\":\"2024-12-31")),
                of("AND/NOT/age/sex: T2 diabetes, HbA1c >= 6.5 %, not on insulin, men 40-75, 2022-2024",
                        "{\"all\":[" + cond("44054006") + "," + obs("4548-4", ">=", 6.5, "%", "")
                                + ",{\"not\":{\"medication\":{\"system\":\"rxnorm\",\"code\":\"106892\"}}},"
                                + "{\"age\":{\"min\":40,\"max\":75}},{\"sex\":\"male\"}],"
                                + "\"window\":{\"from\":\"2022-01-01\",\"to\":\"2024-12-31\"}}"),
                of("OR: hypertension or ischemic heart disease or LDL > 160 mg/dL since 2024",
                        "{\"any\":[" + cond("59621000") + "," + cond("414545008") + ","
                                + obs("18262-6", ">", 160, "mg/dL", "2024-01-01") + "]}"),
                of("age and sex: men aged 18-64", "{\"all\":[{\"age\":{\"min\":18,\"max\":64}},{\"sex\":\"male\"}]}"),
                of("NOT and a window: heart rate > 90 /min in 2024, no prediabetes",
                        "{\"all\":[" + obs("8867-4", ">", 90, "/min", "2024-01-01\",\"to\":\"2024-12-31")
                                + ",{\"not\":" + cond("15777000") + "}]}"),
                of("wide OR: any of eight chronic conditions", "{\"any\":[" + String.join(",", cond("44054006"),
                        cond("59621000"), cond("414545008"), cond("271737000"), cond("185086009"),
                        cond("431856006"), cond("237602007"), cond("278860009")) + "]}"));
    }

    private static String cond(String snomed) {
        return "{\"condition\":{\"system\":\"snomed\",\"code\":\"" + snomed + "\"}}";
    }

    private static String obs(String loinc, String op, double value, String unit, String window) {
        String w = window.isEmpty() ? "" : ",\"window\":{\"from\":\"" + window + "\"}";
        return "{\"observation\":{\"system\":\"loinc\",\"code\":\"" + loinc + "\",\"value\":{\"" + op + "\":" + value
                + ",\"unit\":\"" + unit + "\"}" + w + "}}";
    }
}
