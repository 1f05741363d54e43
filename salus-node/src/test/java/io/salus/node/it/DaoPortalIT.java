package io.salus.node.it;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import io.restassured.http.ContentType;
import io.salus.node.cli.SalusCli;
import io.salus.node.web.PortalHttp;
import io.salus.node.wiring.Node;
import io.salus.zk.EdDsaPoseidon.PrivateKey;
import io.salus.zk.PatientSecret;
import io.salus.zk.SignedAttribute;
import io.salus.zk.ZkFiles;
import java.math.BigInteger;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The DAO pages of the portals over HTTP: a patient lists the DAOs, joins, sees a proposal and votes quadratically
 * (each choice shows its cost v², an overspend is refused); a non-member gets no ballot; the consumer sees the DAO's
 * terms and, once the proposal passed, the raised floor and the deal approved by name; a proof made by the CLI is
 * pasted into the portal to join a proof DAO.
 */
class DaoPortalIT {
    static final Node node = TestNodes.shared();
    static final Api api = new Api(node);

    @Test
    void patientJoinsAndVotesQuadratically_andTheConsumerSeesTheTermsTheMembersPassed() throws Exception {
        String name = "Portal DAO " + UUID.randomUUID().toString().substring(0, 8);
        String daoId = DaoProofIT.post(api.operatorToken, "/daos", Map.of("name", name, "terms", Map.of(
                "floorPrice", 1_000_000, "consumerTypes", List.of("ACADEMIC_RESEARCHER"), "purposes",
                List.of("HRESCH"), "maxEpsilon", DealWorld.STRONG_EPSILON, "shareBps", 300), "governance",
                Map.of(
                        "votingDelaySeconds", 1, "votingPeriodSeconds", 8, "quorumVotes", 3, "creditsPerPeriod", 100,
                        "creditPeriodSeconds", 86_400, "timelockDelaySeconds", 1)))
                .then().statusCode(201).extract().path("daoId");
        String page = "/portal/patient/daos/" + daoId;
        Api.Acct patient = api.open("PATIENT", "Portal DAO member");
        PortalHttp member = new PortalHttp(api.url);
        member.signIn(patient.token());

        assertThat(member.get("/portal/patient/daos").body()).contains(name, page, ">DAOs<");
        assertThat(member.get(page).body()).contains("id=\"dao-join\"", "id=\"dao-treasury\">0.00<",
                "id=\"dao-floor\">1.00 tokens<");
        assertThat(member.post(page + "/join", Map.of()).statusCode()).as("no CSRF token").isEqualTo(403);
        HttpResponse<String> joined = member.postWithCsrf(page + "/join", Map.of());
        assertThat(joined.statusCode()).isEqualTo(303);
        assertThat(joined.headers().firstValue("Location").orElseThrow()).endsWith(page + "?notice=dao-joined");
        assertThat(member.get(page).body()).contains("You are a member").doesNotContain("id=\"dao-join\"");
        assertThat(member.postWithCsrf(page + "/join", Map.of()).statusCode()).as("one membership per person")
                .isEqualTo(409);

        String deal = "0x" + "ab".repeat(32);
        String proposal = given().baseUri(api.url).auth().oauth2(patient.token()).contentType(ContentType.JSON)
                .body(Map.of("changes", List.of("floorPrice=2000000", "approveDeal=" + deal), "description",
                        "Raise the floor and approve one study"))
                .post("/daos/" + daoId + "/proposals").then().statusCode(201).extract().path("proposalId");
        waitAndMine(2_100);
        String ballot = member.get(page).body();
        assertThat(ballot).contains("Raise the floor and approve one study", "floorPrice=2000000",
                "class=\"credits-left\">100<", "1 vote — 1 credits", "5 votes — 25 credits",
                "10 votes — 100 credits").doesNotContain("11 votes");
        String vote = page + "/proposals/" + proposal + "/vote";
        HttpResponse<String> overspent = member.postWithCsrf(vote, Map.of("support", "FOR", "votes", "11"));
        assertThat(overspent.statusCode()).isEqualTo(422);
        assertThat(overspent.body()).contains("SALUS-2204");
        assertThat(member.postWithCsrf(vote, Map.of("support", "FOR", "votes", "5")).statusCode()).isEqualTo(303);
        assertThat(member.get(page).body()).contains("class=\"votes-for\">5<");

        PortalHttp outsider = new PortalHttp(api.url);
        outsider.signIn(api.open("PATIENT", "Portal DAO outsider").token());
        assertThat(outsider.get(page).body()).contains("id=\"dao-join\"").doesNotContain("credits-left");
        HttpResponse<String> intruder = outsider.postWithCsrf(vote, Map.of("support", "AGAINST", "votes", "9"));
        assertThat(intruder.statusCode()).isEqualTo(403);
        assertThat(intruder.body()).contains("SALUS-2202");

        PortalHttp consumer = new PortalHttp(api.url);
        consumer.signIn(api.open("CONSUMER", "Portal DAO reader").token());
        assertThat(consumer.get("/portal/patient/daos").statusCode()).isNotEqualTo(200);
        assertThat(member.get("/portal/consumer/daos").statusCode()).isNotEqualTo(200);
        String terms = consumer.get("/portal/consumer/daos").body();
        assertThat(terms).contains(name, ">DAO terms<");
        assertThat(section(terms, daoId)).contains("id=\"dao-floor\">1.00 tokens<", "id=\"dao-share\">3 %<",
                "ACADEMIC_RESEARCHER", "HRESCH", "None.");

        waitAndMine(8_500);
        given().baseUri(api.url).auth().oauth2(patient.token()).post("/daos/" + daoId + "/proposals/" + proposal
                + "/queue").then().statusCode(200);
        waitAndMine(1_500);
        given().baseUri(api.url).auth().oauth2(patient.token()).post("/daos/" + daoId + "/proposals/" + proposal
                + "/execute").then().statusCode(200);
        assertThat(section(consumer.get("/portal/consumer/daos").body(), daoId))
                .contains("id=\"dao-floor\">2.00 tokens<", deal).doesNotContain("None.");
        assertThat(member.get(page).body()).contains("EXECUTED").doesNotContain("credits-left");
    }

    @Test
    void proofMadeByTheCli_pastedInThePortal_admitsThePatient(@TempDir Path dir) throws Exception {
        PrivateKey hospitalKey = PrivateKey.generate(DaoProofIT.RANDOM);
        String daoId = DaoProofIT.proofDao(hospitalKey);
        Api.Acct patient = api.open("PATIENT", "Portal prover");
        PatientSecret secret = PatientSecret.generate(DaoProofIT.RANDOM);
        Path attribute = dir.resolve("hba1c.json");
        Files.writeString(attribute, ZkFiles.attribute(DaoProofIT.HBA1C, SignedAttribute.issue(hospitalKey,
                secret.identity(), DaoProofIT.HBA1C, BigInteger.valueOf(70), Instant.now().getEpochSecond() - 60)));
        Path secretFile = dir.resolve("zk-secret.json");
        Files.writeString(secretFile, ZkFiles.secret(secret));
        Path proof = dir.resolve("proof.json");
        assertThat(SalusCli.run(new String[]{"dao", "prove", "--url", api.url, "--token", patient.token(), "--dao",
                daoId, "--attribute", attribute.toString(), "--secret", secretFile.toString(), "--out",
                proof.toString()})).isZero();

        PortalHttp portal = new PortalHttp(api.url);
        portal.signIn(patient.token());
        String page = "/portal/patient/daos/" + daoId;
        assertThat(portal.get(page).body()).contains("id=\"dao-join-proof\"").doesNotContain("id=\"dao-join\"");
        assertThat(portal.postWithCsrf(page + "/join-proof", Map.of("proof", "{\"proof\": [1]}")).statusCode())
                .isEqualTo(400);
        assertThat(portal.postWithCsrf(page + "/join-proof", Map.of("proof", Files.readString(proof)))
                .statusCode()).isEqualTo(303);
        assertThat(portal.get(page).body()).contains("You are a member", "id=\"dao-members\">1<");
    }

    /** The consumer page's section of one DAO. */
    private static String section(String html, String daoId) {
        int from = html.indexOf("id=\"dao-" + daoId + "\"");
        assertThat(from).as("the DAO's section").isPositive();
        int to = html.indexOf("</section>", from);
        return html.substring(from, to);
    }

    /** Waits (the governor's clock is the chain's time) and mines a block so the chain's clock shows it. */
    private static void waitAndMine(long millis) throws Exception {
        Thread.sleep(millis);
        node.ledger().access().rpc().raw("evm_mine", List.of());
    }
}
