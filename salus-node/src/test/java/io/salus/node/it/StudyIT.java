package io.salus.node.it;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import io.salus.core.account.EvmAddress;
import io.salus.core.privacy.Remaining;
import java.math.BigDecimal;
import io.salus.node.cli.SalusCli;
import io.salus.node.web.PortalHttp;
import io.salus.node.wiring.Alliance;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.assertj.core.api.InstanceOfAssertFactories;
import org.assertj.core.groups.Tuple;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

/**
 * A federated study on three hospitals: a lab of hospital 0 starts it against its matched deal; hospital 0 trains on
 * the deal's consenting members, hospitals 1 and 2 on their own consenting patients who match the deal's criteria;
 * each round's updates travel masked over signed requests and hospital 0 learns only their sum. Each round is
 * recorded on chain; the model is released only against the deal's settlement, with the payouts by data-size share;
 * each member charges the lab's organisation's budget. A patient of hospital 1 who revokes is in no later round.
 */
@WithAlliance(nodes = 3)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class StudyIT {
    private static final int PER_HOSPITAL = 12;
    private static final String FEDERATED = "/portal/consumer/federated";
    private static final ObjectMapper JSON = new ObjectMapper();
    @TempDir
    static Path dir;
    private static DealWorld world;
    private static int base;
    private static final List<Api.Acct> hospitalOne = new ArrayList<>();
    private static final List<Long> hospitalOneGrants = new ArrayList<>();

    @Test
    @Order(1)
    void aStudyAcrossThreeHospitals_recordsEachRound_releasesTheModelOnlyAgainstSettlement_andChargesEachMember(
            TestAlliance alliance) throws Exception {
        world = new DealWorld(new Api(alliance.founder()), "Study");
        base = DealWorld.freshBase();
        world.cohort("Study home patient", base, PER_HOSPITAL, 100);
        for (int i = 1; i <= 2; i++) {
            hospital(new Api(alliance.node(i)), "Study hospital " + i, i == 1);
        }
        assertThat(AllianceIT.awaitHome(alliance, new EvmAddress(world.lab.address()))).contains(alliance.address(0));

        String dealId = matchedDeal();
        String studyId = start(dealId);
        Response trained = await(studyId);

        trained.then().body("state", equalTo("TRAINED")).body("partsPaid", equalTo(false));
        List<Map<String, Object>> parts = trained.path("payoutParts");
        assertThat(parts).as("a payout part for each other hospital, with the patients it trained on")
                .extracting(p -> p.get("member"), p -> p.get("payees"))
                .containsExactlyInAnyOrder(Tuple.tuple(alliance.address(1).hex(),
                        PER_HOSPITAL), Tuple.tuple(alliance.address(2).hex(), PER_HOSPITAL));
        List<Map<String, Object>> rounds = trained.path("roundRecords");
        assertThat(rounds).hasSize(3).allSatisfy(r -> assertThat(r.get("participants"))
                .asInstanceOf(InstanceOfAssertFactories.list(String.class))
                .containsExactlyInAnyOrder(alliance.address(0).hex(), alliance.address(1).hex(),
                        alliance.address(2).hex()));
        List<Double> spent = rounds.stream().map(r -> Double.parseDouble((String) r.get("epsilonSpent"))).toList();
        assertThat(spent).isSorted();
        assertThat(spent.getLast()).isLessThanOrEqualTo(4.0);
        get("/studies/" + studyId + "/result").then().statusCode(409).body("code", equalTo("SALUS-1204"));
        DealWorld stranger = new DealWorld(world.api, "Study stranger");
        given().baseUri(world.api.url).auth().oauth2(stranger.lab.token()).get("/studies/" + studyId).then()
                .statusCode(404).body("code", equalTo("SALUS-1731"));

        world.deliver(dealId).then().statusCode(409).body("code", equalTo("SALUS-1772"));
        // settling the deal directly released nothing
        get("/studies/" + studyId + "/result").then().statusCode(409).body("code", equalTo("SALUS-1204"));

        PortalHttp portal = new PortalHttp(world.api.url);
        portal.signIn(world.lab.token());
        String page = portal.get(FEDERATED + "/" + studyId).body();
        assertThat(page).contains("id=\"training-curve\"").contains("id=\"settle-study\"")
                .contains("not all paid yet").contains(alliance.address(1).hex()).contains(alliance.address(2).hex());
        assertThat(page.split("<circle ", -1)).as("one point of the curve per round").hasSize(1 + 3);
        assertThat(portal.get(FEDERATED).body()).contains(studyId.substring(0, 8)).contains("TRAINED");
        PortalHttp other = new PortalHttp(world.api.url);
        other.signIn(stranger.lab.token());
        assertThat(other.get(FEDERATED + "/" + studyId).statusCode()).isEqualTo(404);

        given().baseUri(world.api.url).auth().oauth2(world.lab.token()).post("/studies/" + studyId + "/settle")
                .then().statusCode(200).body("partsPaid", equalTo(true));
        // settling again (from the portal) pays nobody twice and fails nothing
        assertThat(portal.postWithCsrf(FEDERATED + "/" + studyId + "/settle", Map.of()).statusCode()).isEqualTo(303);
        assertThat(portal.get(FEDERATED + "/" + studyId).body()).contains("part is paid on chain");
        JsonNode model = JSON.readTree(Jobs.openPackage(world.api, world.lab, "/studies/" + studyId + "/result",
                studyId, dir));

        assertThat(model.path("algorithm").asText()).isEqualTo("federated-logistic");
        assertThat(model.path("curve").size()).isEqualTo(3);
        assertThat(model.path("coefficients").has("observation:8867-4")).isTrue();
        assertThat(patients(model, alliance, 0)).isEqualTo(PER_HOSPITAL);
        assertThat(patients(model, alliance, 1)).isEqualTo(PER_HOSPITAL);
        assertThat(patients(model, alliance, 2)).isEqualTo(PER_HOSPITAL);
        assertThat(model.path("payouts").path("rule").asText()).startsWith("data-size share");
        for (int i = 1; i <= 2; i++) {
            String node = alliance.address(i).hex();
            JsonNode row = row(model, alliance, i);
            assertThat(row.path("payees").asInt()).isEqualTo(PER_HOSPITAL);
            assertThat(row.path("settlement").asText()).startsWith("paid from StudyPayouts");
            assertThat(row.path("partRoot").asText()).isEqualTo(parts.stream().filter(p -> p.get("member").equals(
                    node)).findFirst().orElseThrow().get("root"));
        }
        assertThat(model.path("curve")).allSatisfy(c -> assertThat(c.path("loss").asDouble()).isBetween(0.0, 5.0));
        BigDecimal left = new BigDecimal(TestNodes.TEST_BUDGET).subtract(new BigDecimal("4"));
        for (int i = 1; i <= 2; i++) {
            Remaining r = alliance.node(i).privacyBudget().remaining(world.organisation).orElseThrow();
            assertThat(r.remaining()).as("the organisation's budget at hospital %s", i).isEqualByComparingTo(left);
        }
        assertThat(awaitRecorded(studyId)).as("round 0 anchored on chain").isTrue();
    }

    @Test
    @Order(2)
    void aPatientWhoRevokesConsent_isInNoLaterRound_throughTheStudyCommands(TestAlliance alliance) throws Exception {
        ConsentRequests consent = new ConsentRequests(new Api(alliance.node(1)));
        consent.revoke(hospitalOne.get(0), hospitalOneGrants.get(0)).then().statusCode(200);
        String[] auth = {"--url", world.api.url, "--token", world.lab.token()};

        assertThat(SalusCli.run(join(new String[]{"study", "start", "--deal", matchedDeal(), "--features",
                "observation:8867-4", "--lows", String.valueOf(base), "--highs", String.valueOf(base + 2),
                "--outcome", "observation:8867-4", "--outcome-at-least", String.valueOf(base + 1), "--rounds", "3",
                "--epsilon", "4"}, auth))).isZero();
        String studyId = get("/studies").path("studies[0].studyId");
        await(studyId).then().body("state", equalTo("TRAINED"));
        assertThat(SalusCli.run(join(new String[]{"study", "status", "--study", studyId}, auth))).isZero();
        assertThat(SalusCli.run(join(new String[]{"study", "settle", "--study", studyId}, auth))).isZero();
        String keyHex = given().baseUri(world.api.url).auth().oauth2(world.lab.token()).post("/accounts/me/key-export")
                .then().statusCode(200).extract().path("encryptionPrivateKey");
        Path key = Files.writeString(dir.resolve("study-key.hex"), keyHex);
        Path out = dir.resolve("study.salus");
        assertThat(SalusCli.run(join(new String[]{"study", "result", "--study", studyId, "--out", out.toString(),
                "--key-file", key.toString()}, auth))).isZero();
        JsonNode model = JSON.readTree(Files.readString(dir.resolve("study.salus.json")));

        assertThat(patients(model, alliance, 1)).as("hospital 1 without the revoking patient")
                .isEqualTo(PER_HOSPITAL - 1);
        assertThat(patients(model, alliance, 2)).isEqualTo(PER_HOSPITAL);
        assertThat(row(model, alliance, 1).path("payees").asInt()).as("hospital 1 pays only who trained")
                .isEqualTo(PER_HOSPITAL - 1);
        get("/studies/" + studyId).then().body("partsPaid", equalTo(true));
    }

    private static String[] join(String[] a, String[] b) {
        String[] out = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }

    @Test
    @Order(3)
    void aRoundCallWithoutTheCoordinatorsSignature_isRefused(TestAlliance alliance) {
        given().baseUri(alliance.node(1).apiUrl()).contentType(ContentType.JSON).body("{}")
                .post("/federation/studies/begin").then().statusCode(401).body("code", equalTo("SALUS-1602"));
    }

    @Test
    @Order(4)
    void aHospitalCutOffAfterSharingItsKey_isRecoveredFromTheOthersShares_andTheStudyTrainsWithoutIt(
            TestAlliance alliance) throws Exception {
        Alliance member = alliance.node(2).alliance().orElseThrow();
        try (PartitionProxy link = PartitionProxy.to(alliance.node(2).apiUrl(), 1)) {
            member.announceEndpoint(link.url());
            String studyId = start(matchedDeal());
            Response trained = await(studyId);
            assertThat(link.isCut()).isTrue();

            assertThat((String) trained.path("state")).as("%s: %s", trained.path("reasonCode"),
                    trained.path("reason")).isEqualTo("TRAINED");
            List<Map<String, Object>> rounds = trained.path("roundRecords");
            String two = alliance.address(2).hex();
            assertThat(rounds.get(0).get("participants")).asInstanceOf(InstanceOfAssertFactories.list(String.class))
                    .contains(two);
            assertThat(rounds.get(1).get("participants")).as("round 1 summed without hospital 2's update")
                    .asInstanceOf(InstanceOfAssertFactories.list(String.class))
                    .containsExactlyInAnyOrder(alliance.address(0).hex(), alliance.address(1).hex());
            assertThat(rounds.get(1).get("dropped")).as("its masks removed with the others' Shamir shares")
                    .asInstanceOf(InstanceOfAssertFactories.list(String.class)).containsExactly(two);
            assertThat(rounds.get(2).get("participants")).asInstanceOf(InstanceOfAssertFactories.list(String.class))
                    .doesNotContain(two);
            assertThat(rounds).allSatisfy(r -> assertThat(Double.parseDouble(r.get("loss").toString()))
                    .as("a masked sum that kept a mask would not be a loss").isBetween(0.0, 5.0));
            List<Map<String, Object>> parts = trained.path("payoutParts");
            assertThat(parts).extracting(p -> p.get("member")).as("hospital 2 did not train the last round")
                    .containsExactly(alliance.address(1).hex());
        } finally {
            member.announceEndpoint(alliance.node(2).apiUrl());
        }
    }

    private static String matchedDeal() {
        String dealId = world.postOk(DealWorld.deal(base, 20, Instant.now().plus(1, ChronoUnit.HOURS)));
        world.match(dealId, DealWorld.STRONG_EPSILON).then().statusCode(200).body("status", equalTo("MATCHED"));
        return dealId;
    }

    private static String start(String dealId) {
        Response r = given().baseUri(world.api.url).auth().oauth2(world.lab.token()).contentType(ContentType.JSON)
                .body(Map.of("deal", dealId, "features", List.of("observation:8867-4"), "outcome",
                        "observation:8867-4", "lows", List.of(base), "highs", List.of(base + 2), "outcomeAtLeast",
                        base + 1, "rounds", 3, "epsilon", "4"))
                .post("/studies");
        r.then().statusCode(201).body("state", equalTo("RUNNING"));
        return r.path("studyId");
    }

    private static Response get(String path) {
        return given().baseUri(world.api.url).auth().oauth2(world.lab.token()).get(path);
    }

    private static Response await(String studyId) throws InterruptedException {
        for (int i = 0; i < 600; i++) {
            Response r = get("/studies/" + studyId);
            if (!"RUNNING".equals(r.path("state"))) {
                return r;
            }
            Thread.sleep(200);
        }
        throw new AssertionError("study " + studyId + " never ended");
    }

    private static boolean awaitRecorded(String studyId) throws InterruptedException {
        for (int i = 0; i < 300; i++) {
            if (get("/studies/" + studyId).path("roundRecords[0].record.txHash") != null) {
                return true;
            }
            Thread.sleep(200);
        }
        return false;
    }

    private static int patients(JsonNode model, TestAlliance alliance, int node) {
        return row(model, alliance, node).path("patients").asInt();
    }

    private static JsonNode row(JsonNode model, TestAlliance alliance, int node) {
        for (JsonNode m : model.path("payouts").path("members")) {
            if (m.path("node").asText().equals(alliance.address(node).hex())) {
                return m;
            }
        }
        throw new AssertionError("no payout row for hospital " + node + ": " + model);
    }

    /** A hospital with {@link #PER_HOSPITAL} patients whose heart rates lie in [base, base + 2), each consenting. */
    private static void hospital(Api api, String name, boolean keep) {
        Api.Acct hospital = api.open("HOSPITAL", name);
        ConsentRequests consent = new ConsentRequests(api);
        for (int i = 0; i < PER_HOSPITAL; i++) {
            Api.Acct p = api.open("PATIENT", name + " patient " + i);
            api.link(p, hospital);
            api.deposit(hospital, p, ErasureBundles.heartRates(name + " " + i, base, 2), null).then()
                    .statusCode(201);
            long grant = consent.grantOk(p, List.of("VITAL_SIGNS"), List.of("ACADEMIC_RESEARCHER"),
                    List.of("HRESCH"));
            if (keep) {
                hospitalOne.add(p);
                hospitalOneGrants.add(grant);
            }
        }
    }
}
