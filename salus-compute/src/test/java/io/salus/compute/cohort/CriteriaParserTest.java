package io.salus.compute.cohort;

import static org.assertj.core.api.Assertions.assertThat;

import io.salus.core.cohort.CodeSystems;
import io.salus.core.cohort.Comparator;
import io.salus.core.cohort.Criterion;
import io.salus.core.cohort.DateWindow;
import io.salus.core.cohort.FeatureKind;
import io.salus.core.cohort.Threshold;
import io.salus.core.error.ErrorCode;
import io.salus.core.error.Failure;
import io.salus.core.error.Result;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class CriteriaParserTest {
    private final CriteriaParser parser = new CriteriaParser();
    private static final Optional<DateWindow> WINDOW = Optional.of(new DateWindow(
            Optional.of(LocalDate.of(2020, 1, 1)), Optional.of(LocalDate.of(2025, 12, 31))));

    private Failure.Issue issue(String json, ErrorCode code) {
        Result<Criterion> r = parser.parse(json);
        assertThat(r.isOk()).as(json).isFalse();
        assertThat(r.failure().code()).isEqualTo(code);
        assertThat(r.failure().issues()).hasSize(1);
        return r.failure().issues().getFirst();
    }

    private String locationOf(String json) {
        return issue(json, ErrorCode.INVALID_REQUEST).location();
    }

    @Test
    void theDocumentedExampleParsesWithTheWindowPushedToEveryFeature() {
        Criterion c = parser.parse("""
                {"all":[{"condition":{"system":"snomed","code":"44054006"}},
                        {"observation":{"system":"loinc","code":"4548-4","value":{">=":6.5,"unit":"%"}}},
                        {"not":{"medication":{"system":"rxnorm","code":"860975"}}},
                        {"age":{"min":40,"max":75}},{"sex":"female"}],
                 "window":{"from":"2020-01-01","to":"2025-12-31"}}""").orElseThrow();
        assertThat(c).isEqualTo(new Criterion.And(List.of(
                new Criterion.HasFeature(FeatureKind.CONDITION, CodeSystems.SNOMED_CT, "44054006", Optional.empty(),
                        WINDOW),
                new Criterion.HasFeature(FeatureKind.OBSERVATION, CodeSystems.LOINC, "4548-4",
                        Optional.of(new Threshold(Comparator.GE, 6.5, Optional.of("%"))), WINDOW),
                new Criterion.Not(new Criterion.HasFeature(FeatureKind.MEDICATION, CodeSystems.RXNORM, "860975",
                        Optional.empty(), WINDOW)),
                new Criterion.AgeRange(40, 75), new Criterion.Sex("female"))));
    }

    @Test
    void aFeaturesOwnWindowWinsAndSystemsMayBeGivenByUri() {
        Criterion c = parser.parse("""
                {"any":[{"immunization":{"system":"http://hl7.org/fhir/sid/cvx","code":"140",
                                         "window":{"from":"2022-01-01"}}},
                        {"procedure":{"system":"icd10cm","code":"Z00"}}],"window":{"to":"2019-12-31"}}""")
                .orElseThrow();
        assertThat(c).isEqualTo(new Criterion.Or(List.of(
                new Criterion.HasFeature(FeatureKind.IMMUNIZATION, CodeSystems.CVX, "140", Optional.empty(),
                        Optional.of(new DateWindow(Optional.of(LocalDate.of(2022, 1, 1)), Optional.empty()))),
                new Criterion.HasFeature(FeatureKind.PROCEDURE, CodeSystems.ICD_10_CM, "Z00", Optional.empty(),
                        Optional.of(new DateWindow(Optional.empty(), Optional.of(LocalDate.of(2019, 12, 31))))))));
    }

    @Test
    void ageBoundsDefaultToZeroAndOneHundredFifty() {
        assertThat(parser.parse("{\"age\":{\"min\":18}}").orElseThrow()).isEqualTo(new Criterion.AgeRange(18, 150));
        assertThat(parser.parse("{\"age\":{\"max\":17}}").orElseThrow()).isEqualTo(new Criterion.AgeRange(0, 17));
    }

    @Test
    void unknownKeysAreNamedByTheirPath() {
        assertThat(locationOf("{\"all\":[{\"sex\":\"male\"},{\"observation\":{\"system\":\"loinc\",\"code\":\"1\","
                + "\"value\":{\">\":1,\"units\":\"%\"}}}]}")).isEqualTo("$.all[1].observation.value.units");
        assertThat(locationOf("{\"alll\":[]}")).isEqualTo("$.alll");
        assertThat(locationOf("{\"condition\":{\"system\":\"snomed\",\"code\":\"1\",\"severity\":2}}"))
                .isEqualTo("$.condition.severity");
        assertThat(locationOf("{\"sex\":\"female\",\"age\":{\"min\":1}}")).isEqualTo("$.age");
        assertThat(locationOf("{\"sex\":\"female\",\"window\":{\"from\":\"2020-01-01\"}}")).isEqualTo("$.window");
    }

    @Test
    void unknownSystemsAndBadCodesAreRefused() {
        Failure.Issue i = issue("{\"any\":[{\"condition\":{\"system\":\"icd9\",\"code\":\"250\"}}]}",
                ErrorCode.INVALID_REQUEST);
        assertThat(i.location()).isEqualTo("$.any[0].condition.system");
        assertThat(i.message()).contains("icd9", "snomed");
        assertThat(locationOf("{\"condition\":{\"system\":\"snomed\",\"code\":\"  \"}}")).isEqualTo(
                "$.condition.code");
        assertThat(locationOf("{\"condition\":{\"system\":\"snomed\"}}")).isEqualTo("$.condition.code");
    }

    @Test
    void badComparatorsAndThresholdsAreRefused() {
        String obs = "{\"observation\":{\"system\":\"loinc\",\"code\":\"1\",\"value\":%s}}";
        assertThat(locationOf(obs.formatted("{\"=>\":1}"))).isEqualTo("$.observation.value['=>']");
        assertThat(locationOf(obs.formatted("{\">\":1,\"<\":5}"))).isEqualTo("$.observation.value['<']");
        assertThat(locationOf(obs.formatted("{\"unit\":\"%\"}"))).isEqualTo("$.observation.value");
        assertThat(locationOf(obs.formatted("{\">\":\"6.5\"}"))).isEqualTo("$.observation.value['>']");
        assertThat(locationOf(obs.formatted("{\">\":1e400}"))).isEqualTo("$.observation.value['>']");
        assertThat(locationOf(obs.formatted("{\">\":1,\"unit\":\"\"}"))).isEqualTo("$.observation.value.unit");
        assertThat(locationOf("{\"condition\":{\"system\":\"snomed\",\"code\":\"1\",\"value\":{\">\":1}}}"))
                .isEqualTo("$.condition.value");
    }

    @Test
    void nonNumericNumbersAreNotJson() {
        assertThat(issue("{\"observation\":{\"system\":\"loinc\",\"code\":\"1\",\"value\":{\">\":NaN}}}",
                ErrorCode.INVALID_JSON).location()).isEqualTo("$");
        assertThat(issue("{\"sex\":\"female\",\"sex\":\"male\"}", ErrorCode.INVALID_JSON).location())
                .isEqualTo("$");
        assertThat(issue("", ErrorCode.INVALID_JSON).location()).isEqualTo("$");
    }

    @Test
    void rangesWithMinAboveMaxAreRefusedAtTheUpperBound() {
        assertThat(locationOf("{\"age\":{\"min\":70,\"max\":40}}")).isEqualTo("$.age.max");
        assertThat(locationOf("{\"age\":{\"min\":-1}}")).isEqualTo("$.age.min");
        assertThat(locationOf("{\"age\":{\"min\":18.5}}")).isEqualTo("$.age.min");
        assertThat(locationOf("{\"age\":{}}")).isEqualTo("$.age");
        assertThat(locationOf("{\"all\":[{\"sex\":\"male\"}],\"window\":{\"from\":\"2021-01-01\","
                + "\"to\":\"2020-01-01\"}}")).isEqualTo("$.window.to");
        assertThat(locationOf("{\"all\":[{\"sex\":\"male\"}],\"window\":{\"from\":\"2021-02-30\"}}"))
                .isEqualTo("$.window.from");
    }

    @Test
    void sexesAreTheFhirAdministrativeGenders() {
        assertThat(locationOf("{\"sex\":\"F\"}")).isEqualTo("$.sex");
        assertThat(parser.parse("{\"sex\":\"unknown\"}").orElseThrow()).isEqualTo(new Criterion.Sex("unknown"));
    }

    @Test
    void emptyCombinatorsAndNonObjectsAreRefused() {
        assertThat(locationOf("{\"all\":[]}")).isEqualTo("$.all");
        assertThat(locationOf("{\"any\":[{\"sex\":\"male\"},42]}")).isEqualTo("$.any[1]");
        assertThat(locationOf("{\"not\":[{\"sex\":\"male\"}]}")).isEqualTo("$.not");
        assertThat(locationOf("[]")).isEqualTo("$");
        assertThat(locationOf("{}")).isEqualTo("$");
    }

    @Test
    void nestingDeeperThanThirtyTwoCriteriaIsRefused() {
        String leaf = "{\"sex\":\"male\"}";
        assertThat(parser.parse("{\"not\":".repeat(31) + leaf + "}".repeat(31)).isOk()).isTrue();
        String location = locationOf("{\"not\":".repeat(32) + leaf + "}".repeat(32));
        assertThat(location).isEqualTo("$" + ".not".repeat(32));
        assertThat(issue("[".repeat(100_000), ErrorCode.INVALID_JSON).location()).isEqualTo("$");
    }

    @Test
    void moreThanOneThousandCriteriaAreRefused() {
        String leaf = "{\"sex\":\"male\"}";
        String ok = "{\"any\":[" + String.join(",", java.util.Collections.nCopies(999, leaf)) + "]}";
        assertThat(parser.parse(ok).isOk()).isTrue();
        String tooMany = "{\"any\":[" + String.join(",", java.util.Collections.nCopies(1000, leaf)) + "]}";
        assertThat(locationOf(tooMany)).isEqualTo("$.any[999]");
    }
}
