package io.salus.node.it;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import io.restassured.http.ContentType;
import io.salus.node.cli.SalusCli;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** The claim commands: an insurer covers and funds, a provider submits a built Claim, each party lists its claims. */
class ClaimCliIT {

    @Test
    void anInsurerCoversAndFunds_aProviderSubmits_andOnlyThePartiesSeeTheClaim() {
        Api api = new Api(TestNodes.shared());
        Api.Acct patient = api.open("PATIENT", "CLI claims patient");
        Api.Acct insurer = api.open("CONSUMER", "CLI insurer");
        Api.Acct physician = api.open("PHYSICIAN", "CLI physician");
        Api.Acct stranger = api.open("PATIENT", "CLI stranger");
        given().baseUri(api.url).auth().oauth2(api.operatorToken).contentType(ContentType.JSON)
                .body(Map.of("amount", 10_000_000L)).post("/accounts/" + insurer.id() + "/tokens").then()
                .statusCode(200);
        LocalDate today = LocalDate.now(ZoneOffset.UTC);

        assertThat(SalusCli.run(args(api, insurer, "claim", "coverage", "--patient", patient.id(), "--start",
                today.toString(), "--end", today.plusDays(10).toString(), "--limit", "99213=5000000"))).isZero();
        assertThat(SalusCli.run(args(api, insurer, "claim", "fund", "4000000"))).isZero();
        assertThat(((Number) api.get(insurer, "/claims/funds").path("funds")).longValue()).isEqualTo(4_000_000L);
        String coverage = api.get(patient, "/coverages").path("coverages[0].coverageId");
        assertThat(SalusCli.run(args(api, patient, "claim", "coverage", "--patient", patient.id(), "--start",
                today.toString(), "--end", today.toString(), "--limit", "x=1"))).as("a patient covers nobody")
                .isNotZero();

        assertThat(SalusCli.run(args(api, physician, "claim", "submit", "--patient", patient.id(), "--me",
                physician.id(), "--coverage", coverage, "--service", "99213", "--date", today.toString(), "--amount",
                "2.5", "--evidence", UUID.randomUUID().toString()))).isZero();
        List<Map<String, Object>> claims = api.get(patient, "/claims").path("claims");
        assertThat(claims).singleElement().satisfies(c -> assertThat(String.valueOf(c.get("reasons")))
                .contains("evidence-missing", "provider-unlicensed"));
        String id = (String) claims.get(0).get("claimId");
        assertThat(SalusCli.run(args(api, insurer, "claim", "show", id))).isZero();
        assertThat(SalusCli.run(args(api, physician, "claim", "list"))).isZero();
        assertThat(SalusCli.run(args(api, stranger, "claim", "show", id))).isNotZero();
        assertThat(SalusCli.run(args(api, physician, "claim", "submit", "--patient", patient.id())))
                .as("neither a file nor a built claim").isNotZero();
    }

    private static String[] args(Api api, Api.Acct who, String... command) {
        String[] out = new String[command.length + 4];
        System.arraycopy(command, 0, out, 0, command.length);
        out[command.length] = "--url";
        out[command.length + 1] = api.url;
        out[command.length + 2] = "--token";
        out[command.length + 3] = who.token();
        return out;
    }
}
