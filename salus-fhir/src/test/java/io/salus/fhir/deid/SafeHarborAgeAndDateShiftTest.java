package io.salus.fhir.deid;

import static io.salus.fhir.deid.StoredFixtures.DEIDENTIFIER;
import static io.salus.fhir.deid.StoredFixtures.deal;
import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.hl7.fhir.r4.model.Condition;
import org.hl7.fhir.r4.model.Observation;
import org.hl7.fhir.r4.model.Quantity;
import org.junit.jupiter.api.Test;

/**
 * Issue 13's de-identification attacks: a consumer buying several deals that cover the same patient sees one date
 * shift (so averaging reveals nothing), and ages of 90 or more never survive (Safe Harbor's single "90 or older").
 */
class SafeHarborAgeAndDateShiftTest {
    private static final byte[] SECRET = "a node's date-shift secret, 32 bytes or more!"
            .getBytes(StandardCharsets.UTF_8);

    static byte[] condition(String id, String onsetAge) {
        return ("{\"resourceType\":\"Condition\",\"id\":\"" + id + "\",\"subject\":{\"reference\":\"Patient/p1\"},"
                + "\"code\":{\"coding\":[{\"system\":\"http://snomed.info/sct\",\"code\":\"44054006\"}]},"
                + "\"recordedDate\":\"2020-03-04\",\"onsetAge\":" + onsetAge + "}").getBytes(StandardCharsets.UTF_8);
    }

    static byte[] ageObservation(String id, String value, String code) {
        return ("{\"resourceType\":\"Observation\",\"id\":\"" + id + "\",\"status\":\"final\","
                + "\"subject\":{\"reference\":\"Patient/p1\"},\"code\":{\"coding\":[{\"system\":\"http://loinc.org\","
                + "\"code\":\"30525-0\"}]},\"valueQuantity\":{\"value\":" + value + ",\"unit\":\"" + code + "\","
                + "\"system\":\"http://unitsofmeasure.org\",\"code\":\"" + code + "\"}}")
                .getBytes(StandardCharsets.UTF_8);
    }

    static Quantity onset(DeidentifiedPatient out) {
        return out.resources().stream().map(r -> DeidentifierTest.parseStrict(r.json()))
                .filter(r -> r instanceof Condition).map(r -> (Quantity) ((Condition) r).getOnsetAge()).findFirst()
                .orElseThrow();
    }

    @Test
    void agesOf90OrMore_areCappedAt90OrOlder_inAnyUnit_andYoungerAgesAreKept() {
        for (String age : List.of(
                "{\"value\":93,\"unit\":\"a\",\"system\":\"http://unitsofmeasure.org\",\"code\":\"a\"}",
                "{\"value\":1100,\"unit\":\"mo\",\"system\":\"http://unitsofmeasure.org\",\"code\":\"mo\"}",
                "{\"value\":90,\"unit\":\"years\"}")) {
            DeidentifiedPatient out = DEIDENTIFIER.deidentify(deal("d-age", 1), "p1", List.of(condition("c1", age)))
                    .orElseThrow();
            Quantity q = onset(out);
            assertThat(q.getValue()).as(age).isEqualByComparingTo(BigDecimal.valueOf(90));
            assertThat(q.getComparator()).isEqualTo(Quantity.QuantityComparator.GREATER_OR_EQUAL);
            assertThat(q.getCode()).isEqualTo("a");
        }
        Quantity young = onset(DEIDENTIFIER.deidentify(deal("d-age", 1), "p1", List.of(condition("c2",
                "{\"value\":89,\"unit\":\"a\",\"system\":\"http://unitsofmeasure.org\",\"code\":\"a\"}")))
                .orElseThrow());
        assertThat(young.getValue()).isEqualByComparingTo(BigDecimal.valueOf(89));
        assertThat(young.hasComparator()).isFalse();
    }

    @Test
    void anAgeObservationOf90OrMore_isCappedToo() {
        DeidentifiedPatient out = DEIDENTIFIER.deidentify(deal("d-age", 1), "p1",
                List.of(ageObservation("o1", "96", "a"))).orElseThrow();
        Observation o = (Observation) out.resources().stream().map(r -> DeidentifierTest.parseStrict(r.json()))
                .filter(r -> r instanceof Observation).findFirst().orElseThrow();
        assertThat(o.getValueQuantity().getValue()).isEqualByComparingTo(BigDecimal.valueOf(90));
        assertThat(o.getValueQuantity().getComparator()).isEqualTo(Quantity.QuantityComparator.GREATER_OR_EQUAL);
    }

    @Test
    void oneOrganisationBuyingManyDeals_seesOneShiftPerPatient_andAnotherOrganisationAnotherOne() {
        DateShifts shifts = new DateShifts(SECRET);
        Set<String> deliveredDates = new HashSet<>();
        for (int deal = 0; deal < 20; deal++) {
            int shift = shifts.days("Pharma A", "patient-1");
            DeidentifiedPatient out = DEIDENTIFIER.deidentify(deal("deal-" + deal, deal), "p1",
                    List.of(condition("c1", "{\"value\":40,\"unit\":\"a\"}")),
                    new PatientOptions("pseudonym-" + deal, shift)).orElseThrow();
            Condition c = (Condition) out.resources().stream().map(r -> DeidentifierTest.parseStrict(r.json()))
                    .filter(r -> r instanceof Condition).findFirst().orElseThrow();
            deliveredDates.add(c.getRecordedDateElement().getValueAsString());
        }
        assertThat(deliveredDates).as("twenty deals, one shifted date: nothing to average").hasSize(1);
        assertThat(deliveredDates).doesNotContain("2020-03-04");

        Set<Integer> acrossPatients = new HashSet<>();
        for (int p = 0; p < 200; p++) {
            int s = shifts.days("Pharma A", "patient-" + p);
            assertThat(Math.abs(s)).isLessThanOrEqualTo(DateShifts.MAX_SHIFT_DAYS);
            acrossPatients.add(s);
        }
        assertThat(acrossPatients).as("patients get unrelated shifts").hasSizeGreaterThan(150);
        long same = 0;
        for (int p = 0; p < 200; p++) {
            same += shifts.days("Pharma A", "patient-" + p) == shifts.days("Insurer B", "patient-" + p) ? 1 : 0;
        }
        assertThat(same).as("another organisation's shifts are unrelated").isLessThan(5);
        assertThat(new DateShifts(SECRET).days("Pharma A", "patient-1")).isEqualTo(shifts.days("Pharma A",
                "patient-1"));
    }

    @Test
    void theCallersPseudonym_becomesThePatientsIdInThePackage() {
        DeidentifiedPatient out = DEIDENTIFIER.deidentify(deal("d-pseudo", 2), "p1",
                List.of(condition("c1", "{\"value\":40,\"unit\":\"a\"}")), new PatientOptions("ab".repeat(32), 3))
                .orElseThrow();
        assertThat(out.patientId()).isEqualTo("ab".repeat(32));
        assertThat(new String(out.resources().get(1).json(), StandardCharsets.UTF_8))
                .contains("Patient/" + "ab".repeat(32));
    }
}
