package io.salus.node.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import io.restassured.path.json.JsonPath;
import io.salus.node.cli.SalusCli;
import io.salus.testkit.RiskBundles;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/**
 * The risk assessments of a real node: a patient gets their three RiskAssessments computed from their own deposited
 * records (the Pooled Cohort Equations' worked example, CHA2DS2-VASc, FINDRISC not computed for want of its
 * questionnaire answers); a delegate with VIEW_RECORDS gets them, one
 * audited decision per category read; another patient and a
 * consumer are refused.
 */
class RiskAssessmentIT {
    private final Api api = new Api(TestNodes.shared());
    private final ConsentRequests consent = new ConsentRequests(api);

    Api.Acct patientWithRecords(String tag) {
        Api.Acct p = api.open("PATIENT", "Risk patient " + tag);
        api.deposit(p, p, RiskBundles.workedExample(tag + "-" + UUID.randomUUID(), LocalDate.now(ZoneOffset.UTC)),
                null).then().statusCode(201);
        return p;
    }

    JsonPath assessments(Api.Acct who, Api.Acct patient) {
        return api.get(who, "/patients/" + patient.id() + "/risk-assessments").then().statusCode(200).contentType(
                "application/fhir+json").extract().jsonPath();
    }

    static List<String> each(JsonPath bundle, String path) {
        return IntStream.range(0, 3).mapToObj(i -> bundle.getString("entry[" + i + "].resource." + path)).toList();
    }

    @Test
    void aPatientGetsTheirRiskAssessmentsFromTheirOwnRecords() {
        Api.Acct p = patientWithRecords("own");
        JsonPath b = assessments(p, p);
        assertThat(b.getString("resourceType")).isEqualTo("Bundle");
        assertThat(b.getList("entry.resource.resourceType")).containsOnly("RiskAssessment").hasSize(3);
        assertThat(each(b, "method.coding[0].code")).containsExactly("pce", "cha2ds2-vasc", "findrisc");
        assertThat(each(b, "method.coding[0].version")).containsExactly("2013", "2010", "2003");
        assertThat(b.getList("entry.resource.status")).containsExactly("final", "final", "registered");
        assertThat(b.getFloat("entry[0].resource.prediction[0].probabilityDecimal")).isBetween(0.0195f, 0.0215f);
        assertThat(b.getString("entry[1].resource.prediction[0].rationale")).startsWith("1 points");
        assertThat(b.getString("entry[2].resource.note[0].text")).contains("family history of diabetes");
        List<String> basis = b.getList("entry[0].resource.basis.reference");
        assertThat(basis).anyMatch(r -> r != null && r.startsWith("Observation/"));
    }

    @Test
    void aDelegateWithViewRecordsGetsThem_andTheReadsAreAuditedAsDelegatedReads() {
        Api.Acct p = patientWithRecords("delegated");
        Api.Acct daughter = api.open("CAREGIVER", "Risk daughter");
        consent.delegate(p, daughter, List.of("VIEW_RECORDS")).then().statusCode(200);
        assertThat(assessments(daughter, p).getList("entry.resource.status")).containsExactly("final", "final",
                "registered");
        List<Map<String, Object>> log = consent.accessLog(p);
        List<Map<String, Object>> daughters = log.stream().filter(e -> daughter.id().equals(e.get("requesterId")))
                .toList();
        assertThat(daughters).allSatisfy(e -> assertThat(e.get("decision")).isEqualTo("PERMIT"));
        assertThat(daughters).extracting(e -> e.get("category")).as("one audited decision per category read")
                .containsExactlyInAnyOrder("DEMOGRAPHICS", "CONDITIONS", "MEDICATIONS", "LAB_RESULTS",
                        "VITAL_SIGNS");
    }

    @Test
    void theCliPrintsThePatientsAssessments_andFailsForAnotherPatient() {
        Api.Acct p = patientWithRecords("cli");
        Api.Acct other = api.open("PATIENT", "Other CLI patient");
        assertThat(SalusCli.run(new String[]{"records", "risk", "--url", api.url, "--token", p.token(), "--patient",
                p.id()})).isZero();
        assertThat(SalusCli.run(new String[]{"records", "risk", "--url", api.url, "--token", other.token(),
                "--patient", p.id()})).isNotZero();
    }

    @Test
    void anotherPatientAndAConsumerAreRefused() {
        Api.Acct p = patientWithRecords("refused");
        Api.Acct other = api.open("PATIENT", "Other risk patient");
        Api.Acct consumer = api.open("CONSUMER", "Risk-curious lab");
        for (Api.Acct stranger : List.of(other, consumer)) {
            api.get(stranger, "/patients/" + p.id() + "/risk-assessments").then().statusCode(403).contentType(
                    "application/problem+json").body("code", equalTo("SALUS-0101"));
        }
    }
}
