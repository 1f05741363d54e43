package io.salus.node.it;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import io.salus.node.cli.SalusCli;
import io.salus.node.web.Browser;
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
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;

/**
 * The DAO pages of the portals over HTTP: a patient lists the DAOs, joins, proposes, sees the proposal and votes quadratically
 * (each choice shows its cost v², an overspend is refused); a non-member gets no ballot; the consumer sees the DAO's
 * terms and, once the proposal passed, the raised floor and the deal approved by name; a proof made by the CLI is
 * pasted into the portal to join a proof DAO; a proof made in the browser (Chromium) joins one too, and a tampered one
 * is refused.
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
                "id=\"dao-floor\">1.00 tokens<", "<p id=\"dao-treasury-history\">No deal has paid this treasury yet.");
        assertThat(member.post(page + "/join", Map.of()).statusCode()).as("no CSRF token").isEqualTo(403);
        HttpResponse<String> joined = member.postWithCsrf(page + "/join", Map.of());
        assertThat(joined.statusCode()).isEqualTo(303);
        assertThat(joined.headers().firstValue("Location").orElseThrow()).endsWith(page + "?notice=dao-joined");
        assertThat(member.get(page).body()).contains("You are a member").doesNotContain("id=\"dao-join\"");
        assertThat(member.postWithCsrf(page + "/join", Map.of()).statusCode()).as("one membership per person")
                .isEqualTo(409);

        String deal = "0x" + "ab".repeat(32);
        assertThat(member.get(page).body()).contains("id=\"dao-propose\"");
        Map<String, String> proposed = Map.of("changes", "floorPrice=2000000\r\napproveDeal=" + deal + "\r\n",
                "description", "Raise the floor and approve one study");
        assertThat(member.post(page + "/proposals", proposed).statusCode()).as("no CSRF token").isEqualTo(403);
        HttpResponse<String> unreadable = member.postWithCsrf(page + "/proposals", Map.of("changes", "owner=0x00",
                "description", "take over"));
        assertThat(unreadable.statusCode()).isEqualTo(400);
        assertThat(unreadable.body()).contains("unknown change owner");
        HttpResponse<String> made = member.postWithCsrf(page + "/proposals", proposed);
        assertThat(made.statusCode()).isEqualTo(303);
        String location = made.headers().firstValue("Location").orElseThrow();
        assertThat(location).contains(page + "?notice=dao-proposed#proposal-");
        String proposal = location.substring(location.indexOf("#proposal-") + "#proposal-".length());
        assertThat(given().baseUri(api.url).auth().oauth2(patient.token()).get("/daos/" + daoId + "/proposals")
                .then().statusCode(200).extract().<List<String>>path("proposals.proposalId")).containsExactly(proposal);
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
        assertThat(outsider.get(page).body()).contains("id=\"dao-join\"").doesNotContain("credits-left")
                .doesNotContain("id=\"dao-propose\"");
        HttpResponse<String> outsiderProposal = outsider.postWithCsrf(page + "/proposals", Map.of("changes",
                "floorPrice=1", "description", "Undercut the members"));
        assertThat(outsiderProposal.statusCode()).isEqualTo(403);
        assertThat(outsiderProposal.body()).contains("SALUS-2202");
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
        HttpResponse<String> proofPage = portal.get(page);
        assertThat(proofPage.body()).contains("id=\"dao-join-proof\"", "id=\"dao-browser-proving\"",
                "/portal/assets/snarkjs.min.js").doesNotContain("id=\"dao-join\"");
        assertThat(proofPage.headers().firstValue("Content-Security-Policy").orElseThrow()).as("this page only")
                .contains("script-src 'self' 'wasm-unsafe-eval';");
        assertThat(portal.get("/portal/patient/daos").headers().firstValue("Content-Security-Policy").orElseThrow())
                .contains("script-src 'self';").doesNotContain("wasm");
        HttpResponse<String> wasm = portal.get("/portal/patient/zk/attribute.wasm");
        assertThat(wasm.statusCode()).isEqualTo(200);
        assertThat(wasm.headers().firstValue("Content-Type").orElseThrow()).startsWith("application/wasm");
        assertThat(new PortalHttp(api.url).get("/portal/patient/zk/attribute.zkey").statusCode())
                .as("signed-in patients only").isNotEqualTo(200);
        assertThat(portal.postWithCsrf(page + "/join-proof", Map.of("proof", "{\"proof\": [1]}")).statusCode())
                .isEqualTo(400);
        assertThat(portal.postWithCsrf(page + "/join-proof", Map.of("proof", Files.readString(proof)))
                .statusCode()).isEqualTo(303);
        HttpResponse<String> memberPage = portal.get(page);
        assertThat(memberPage.body()).contains("You are a member", "id=\"dao-members\">1<").doesNotContain(
                "dao-browser-proving", "snarkjs");
        assertThat(memberPage.headers().firstValue("Content-Security-Policy").orElseThrow()).doesNotContain("wasm");
    }

    @Test
    void proofMadeInTheBrowser_admitsThePatient_theSecretStaysThere_andATamperedProofIsRefused() {
        PrivateKey hospitalKey = PrivateKey.generate(DaoProofIT.RANDOM);
        String daoId = DaoProofIT.proofDao(hospitalKey);
        Api.Acct patient = api.open("PATIENT", "Browser prover");
        PatientSecret secret = PatientSecret.generate(DaoProofIT.RANDOM);
        String attribute = ZkFiles.attribute(DaoProofIT.HBA1C, SignedAttribute.issue(hospitalKey, secret.identity(),
                DaoProofIT.HBA1C, BigInteger.valueOf(70), Instant.now().getEpochSecond() - 60));
        String page = "/portal/patient/daos/" + daoId;
        try (Browser b = new Browser(api.url)) {
            b.signIn(patient.token());
            b.open(page);
            b.await(() -> "true".equals(b.find(By.id("dao-browser-proving")).getAttribute("data-ready")),
                    "the proving script");
            for (String pasted : List.of("zk-secret", "zk-attribute")) {
                assertThat(b.find(By.id(pasted)).getDomAttribute("name")).as("never a form field").isNull();
                assertThat(b.driver().findElements(By.cssSelector("form #" + pasted))).isEmpty();
            }
            paste(b, "zk-secret", ZkFiles.secret(secret));
            paste(b, "zk-attribute", attribute);
            b.find(By.id("dao-prove")).click();
            b.await(() -> b.find(By.id("dao-prove-status")).getText().startsWith("Proof made in this browser"),
                    "the proof: " + b.find(By.id("dao-prove-status")).getText());
            b.documentationScreenshot("dao-proof-made-in-the-browser");
            System.out.println("DaoPortalIT: " + b.find(By.id("dao-prove-status")).getText());
            String proof = b.find(By.id("dao-proof")).getDomProperty("value");
            assertThat(ZkFiles.parseProof(proof).isOk()).isTrue();
            assertThat(proof).doesNotContain(secret.value().toString(), secret.identity().toString(),
                    "\"70\"");

            List<String> numbers = new ArrayList<>(ZkFiles.parseProof(proof).orElseThrow().proof().c().stream()
                    .map(BigInteger::toString).toList());
            String tampered = proof.replace(numbers.get(0), "1").replace(numbers.get(1), "2");
            paste(b, "dao-proof", tampered);
            b.find(By.id("dao-join-proof")).click();
            b.await(() -> b.driver().getPageSource().contains("SALUS-2006"), "the tampered proof refused");
            b.open(page);
            assertThat(b.find(By.id("dao-membership")).getText()).startsWith("You are not a member");
            b.await(() -> "true".equals(b.find(By.id("dao-browser-proving")).getAttribute("data-ready")),
                    "the proving script again");
            paste(b, "dao-proof", proof);
            b.find(By.id("dao-join-proof")).click();
            b.await(() -> b.find(By.id("dao-membership")).getText().startsWith("You are a member"),
                    "the membership");
            assertThat(b.find(By.id("dao-members")).getText()).isEqualTo("1");
            assertThat(b.driver().findElements(By.id("dao-browser-proving"))).isEmpty();
        }
    }

    /** Puts text into a field as a paste does (typing a whole file key by key is slow and adds nothing). */
    private static void paste(Browser b, String id, String text) {
        ((JavascriptExecutor) b.driver()).executeScript("document.getElementById(arguments[0]).value = arguments[1];",
                id, text);
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
