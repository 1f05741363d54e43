package io.salus.node.it;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import io.restassured.http.ContentType;
import io.salus.chain.consent.EvmSigner;
import io.salus.core.account.AccountId;
import io.salus.core.account.EvmAddress;
import io.salus.core.merkle.Hash32;
import io.salus.core.trial.Enrolment;
import io.salus.core.trial.MilestonePayment;
import io.salus.core.usecase.trial.TrialWorker;
import io.salus.node.wiring.Node;
import io.restassured.response.Response;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Clinical-trial recruitment end to end on the real engines (whole node over HTTP, embedded PostgreSQL, anvil): a
 * sponsor posts a study funded in escrow, sees only a noisy count, invites the eligible consenting patients; a patient
 * who accepts is revealed with a ResearchSubject and paid from the escrow; nobody else ever reaches the sponsor.
 * Attacks are the tests named for what they stop.
 */
class TrialRecruitmentIT {
    static final long FEE = 2_000_000;
    static DealWorld world;
    static DealWorld rival;

    @BeforeAll
    static void setUp() {
        Api api = new Api(TestNodes.shared());
        world = new DealWorld(api, "Trial sponsor");
        rival = new DealWorld(api, "Trial rival");
    }

    static Map<String, Object> study(int base, int cap) {
        return Map.of("title", "Heart-rate study " + base, "description", "Twelve weeks of wearable readings",
                "criteria", DealWorld.criteria(base), "categories", List.of("VITAL_SIGNS"), "purpose", "HRESCH",
                "feePerPatient", FEE, "cap", cap, "deadline", Instant.now().plus(1, ChronoUnit.HOURS).toString());
    }

    static Response as(Api.Acct who, String method, String path, Object body) {
        var spec = given().baseUri(world.api.url).auth().oauth2(who.token());
        if (body != null) {
            spec = spec.contentType(ContentType.JSON).body(body);
        }
        return spec.request(method, path);
    }

    static String post(DealWorld sponsor, Map<String, Object> body) {
        Response r = as(sponsor.lab, "POST", "/trials", body);
        r.then().statusCode(201).body("status", equalTo("FUNDED"));
        return r.path("studyId");
    }

    /** The patient's open invitation to the study. */
    static String invitation(Api.Acct patient, String studyId) {
        List<Map<String, Object>> l = as(patient, "GET", "/accounts/me/trial-invitations", null).then()
                .statusCode(200).extract().path("invitations");
        return l.stream().filter(i -> studyId.equals(i.get("studyId"))).map(i -> (String) i.get("invitationId"))
                .findFirst().orElseThrow(() -> new AssertionError("no invitation to " + studyId));
    }

    /** Two passes of a worker whose clock is two minutes ahead: every pending trial message is due for it. */
    static void runTheWorkerTwoMinutesLater(Node node) {
        TrialWorker later = new TrialWorker(node.trials().outbox(), node.trials().funding(), node.trials().payments(),
                node.trials().milestones(), Clock.offset(Clock.systemUTC(), Duration.ofMinutes(2)), Duration.ZERO);
        later.runOnce();
        later.runOnce();
    }

    static boolean invited(Api.Acct patient, String studyId) {
        List<Map<String, Object>> l = as(patient, "GET", "/accounts/me/trial-invitations", null).then()
                .statusCode(200).extract().path("invitations");
        return l.stream().anyMatch(i -> studyId.equals(i.get("studyId")));
    }

    static void assertNamesNobody(List<String> bodies, List<Api.Acct> patients, List<String> names) {
        for (String body : bodies) {
            String lower = body.toLowerCase(Locale.ROOT);
            for (Api.Acct p : patients) {
                assertThat(lower).doesNotContain(p.id().toLowerCase(Locale.ROOT));
                assertThat(lower).doesNotContain(p.address().toLowerCase(Locale.ROOT).substring(2));
                assertThat(body).doesNotContain(p.token());
            }
            for (String n : names) {
                assertThat(body).doesNotContain(n);
            }
        }
    }

    @Test
    void noIdentityReachesTheSponsorBeforeOptIn_andOnlyTheAcceptingPatientIsRevealedWithAResearchSubjectAndPaid() {
        int base = DealWorld.freshBase();
        Api.Acct accepting = world.patient("Trial accepting", base, 100);
        Api.Acct declining = world.patient("Trial declining", base, 100);
        Api.Acct silent = world.patient("Trial silent", base, 100);
        Api.Acct ineligible = world.patient("Trial ineligible", base + 100, 100);
        List<Api.Acct> everyone = List.of(accepting, declining, silent, ineligible);
        List<String> names = List.of("Trial accepting", "Trial declining", "Trial silent", "Trial ineligible");
        List<String> sponsorSaw = new ArrayList<>();

        Response posted = as(world.lab, "POST", "/trials", study(base, 3));
        posted.then().statusCode(201).body("status", equalTo("FUNDED")).body("escrow", equalTo((int) (3 * FEE)))
                .body("researchStudy.resourceType", equalTo("ResearchStudy"));
        sponsorSaw.add(posted.asString());
        String studyId = posted.path("studyId");
        Response count = as(world.lab, "POST", "/trials/" + studyId + "/count", Map.of("epsilon", "1"));
        count.then().statusCode(200).body("epsilon", equalTo("1"));
        sponsorSaw.add(count.asString());
        Response invite = as(world.lab, "POST", "/trials/" + studyId + "/invitations", Map.of());
        invite.then().statusCode(202);
        sponsorSaw.add(invite.asString());
        assertThat(invite.jsonPath().getMap("$")).containsOnlyKeys("studyId", "invitations");

        assertThat(invited(ineligible, studyId)).isFalse();
        String declined = invitation(declining, studyId);
        as(declining, "POST", "/trial-invitations/" + declined + "/decline", null).then().statusCode(200)
                .body("status", equalTo("DECLINED"));
        assertThat(invited(silent, studyId)).isTrue();
        List<Map<String, Object>> alerts = as(silent, "GET", "/patients/" + silent.id() + "/alerts", null).then()
                .statusCode(200).extract().path("alerts");
        assertThat(alerts).anySatisfy(a -> {
            assertThat(a.get("kind")).isEqualTo("TRIAL_INVITED");
            assertThat(a.get("text").toString()).contains("Heart-rate study " + base);
        });

        for (String path : List.of("/trials/" + studyId, "/trials/" + studyId + "/enrolments", "/trials")) {
            Response r = as(world.lab, "GET", path, null);
            r.then().statusCode(200);
            sponsorSaw.add(r.asString());
        }
        assertNamesNobody(sponsorSaw, everyone, names);
        long before = world.balance(accepting);

        Response accepted = as(accepting, "POST", "/trial-invitations/" + invitation(accepting, studyId) + "/accept",
                null);
        accepted.then().statusCode(201).body("status", equalTo("PAID"))
                .body("researchSubject.resourceType", equalTo("ResearchSubject"));

        Response enrolments = as(world.lab, "GET", "/trials/" + studyId + "/enrolments", null);
        enrolments.then().statusCode(200).body("enrolments.size()", equalTo(1))
                .body("enrolments[0].patientId", equalTo(accepting.id()))
                .body("enrolments[0].patientAddress", equalTo(accepting.address()))
                .body("enrolments[0].researchSubject.individual.reference", equalTo("Patient/" + accepting.id()))
                .body("enrolments[0].status", equalTo("PAID"));
        assertThat((String) enrolments.path("enrolments[0].txHash")).startsWith("0x");
        assertNamesNobody(List.of(enrolments.asString(), as(world.lab, "GET", "/trials/" + studyId, null).asString()),
                List.of(declining, silent, ineligible), List.of("Trial declining", "Trial silent", "Trial ineligible"));
        assertThat(world.balance(accepting) - before).isEqualTo(FEE);
    }

    @Test
    void aPatientCannotEnrolTwiceNorBePaidTwice() {
        int base = DealWorld.freshBase();
        Api.Acct p = world.patient("Trial twice", base, 100);
        String studyId = post(world, study(base, 3));
        as(world.lab, "POST", "/trials/" + studyId + "/invitations", Map.of()).then().statusCode(202);
        String inv = invitation(p, studyId);
        long before = world.balance(p);
        as(p, "POST", "/trial-invitations/" + inv + "/accept", null).then().statusCode(201);

        as(p, "POST", "/trial-invitations/" + inv + "/accept", null).then().statusCode(409)
                .body("code", equalTo("SALUS-1941"));
        as(world.lab, "POST", "/trials/" + studyId + "/invitations", Map.of()).then().statusCode(202);
        as(p, "POST", "/trial-invitations/" + inv + "/accept", null).then().statusCode(409);

        assertThat(world.balance(p) - before).isEqualTo(FEE);
        as(world.lab, "GET", "/trials/" + studyId + "/enrolments", null).then().body("enrolments.size()", equalTo(1));
    }

    @Test
    void enrolmentBeyondTheCapIsRefused() {
        int base = DealWorld.freshBase();
        Api.Acct first = world.patient("Trial cap first", base, 100);
        Api.Acct second = world.patient("Trial cap second", base, 100);
        String studyId = post(world, study(base, 1));
        as(world.lab, "POST", "/trials/" + studyId + "/invitations", Map.of()).then().statusCode(202);
        long before = world.balance(second);

        as(first, "POST", "/trial-invitations/" + invitation(first, studyId) + "/accept", null).then()
                .statusCode(201);
        as(second, "POST", "/trial-invitations/" + invitation(second, studyId) + "/accept", null).then()
                .statusCode(409).body("code", equalTo("SALUS-1936"));

        assertThat(world.balance(second)).isEqualTo(before);
        as(world.lab, "GET", "/trials/" + studyId + "/enrolments", null).then().body("enrolments.size()", equalTo(1));
    }

    @Test
    void anotherSponsorCannotSeeNorRunNorPayOutOfSomeoneElsesStudy() {
        int base = DealWorld.freshBase();
        Api.Acct p = world.patient("Trial rival target", base, 100);
        String studyId = post(world, study(base, 2));

        for (String[] call : new String[][]{{"GET", ""}, {"GET", "/enrolments"}, {"POST", "/count"},
                {"POST", "/invitations"}, {"POST", "/funding"}, {"POST", "/refund"}}) {
            as(rival.lab, call[0], "/trials/" + studyId + call[1], call[0].equals("POST")
                    ? Map.of("epsilon", "1")
                    : null).then().statusCode(404).body("code", equalTo("SALUS-1931"));
        }
        assertThat(as(rival.lab, "GET", "/trials", null).asString()).doesNotContain(studyId);
        assertThat(invited(p, studyId)).isFalse();
    }

    @Test
    void aMilestoneAttestedByTheSponsor_paysTheEnrolledPatientOnce_andNotAStrangerNorForAnotherSponsor() {
        int base = DealWorld.freshBase();
        Api.Acct enrolled = world.patient("Trial milestone patient", base, 100);
        Api.Acct notEnrolled = world.patient("Trial milestone bystander", base, 100);
        Map<String, Object> body = new HashMap<>(study(base, 2));
        body.put("milestones", List.of(Map.of("name", "baseline visit", "fee", 500_000), Map.of("name",
                "week 12 visit", "fee", 1_500_000)));
        Response posted = as(world.lab, "POST", "/trials", body);
        posted.then().statusCode(201).body("status", equalTo("FUNDED"))
                .body("escrow", equalTo((int) (2 * (FEE + 2_000_000)))).body("milestones[1].name",
                        equalTo("week 12 visit"));
        String studyId = posted.path("studyId");
        as(world.lab, "POST", "/trials/" + studyId + "/invitations", Map.of()).then().statusCode(202);
        as(enrolled, "POST", "/trial-invitations/" + invitation(enrolled, studyId) + "/accept", null).then()
                .statusCode(201).body("status", equalTo("PAID"));
        long before = world.balance(enrolled);

        Response paid = as(world.lab, "POST", "/trials/" + studyId + "/milestones", Map.of("patientId",
                enrolled.id(), "milestone", "week 12 visit"));
        paid.then().statusCode(201).body("status", equalTo("PAID")).body("fee", equalTo(1_500_000))
                .body("index", equalTo(1));
        assertThat(world.balance(enrolled) - before).isEqualTo(1_500_000);
        as(world.lab, "POST", "/trials/" + studyId + "/milestones", Map.of("patientId", enrolled.id(), "milestone",
                "week 12 visit")).then().statusCode(409).body("code", equalTo("SALUS-1972"));
        assertThat(world.balance(enrolled) - before).as("paid once").isEqualTo(1_500_000);

        as(world.lab, "POST", "/trials/" + studyId + "/milestones", Map.of("patientId", notEnrolled.id(),
                "milestone", "baseline visit")).then().statusCode(409).body("code", equalTo("SALUS-1971"));
        as(world.lab, "POST", "/trials/" + studyId + "/milestones", Map.of("patientId", enrolled.id(), "milestone",
                "week 52 visit")).then().statusCode(422).body("code", equalTo("SALUS-1970"));
        as(rival.lab, "POST", "/trials/" + studyId + "/milestones", Map.of("patientId", enrolled.id(), "milestone",
                "baseline visit")).then().statusCode(404).body("code", equalTo("SALUS-1931"));
        as(enrolled, "POST", "/trials/" + studyId + "/milestones", Map.of("patientId", enrolled.id(), "milestone",
                "baseline visit")).then().statusCode(404).body("code", equalTo("SALUS-1931"));
        assertThat(world.balance(enrolled) - before).isEqualTo(1_500_000);
        assertThat(world.balance(notEnrolled)).isZero();
        List<Map<String, Object>> listed = as(world.lab, "GET", "/trials/" + studyId + "/milestones", null).then()
                .statusCode(200).extract().path("milestones");
        assertThat(listed).singleElement().satisfies(m -> {
            assertThat(m.get("patientId")).isEqualTo(enrolled.id());
            assertThat((String) m.get("txHash")).startsWith("0x");
        });
        as(rival.lab, "GET", "/trials/" + studyId + "/milestones", null).then().statusCode(404);

        CliRun.Run cli = CliRun.run(List.of("trial", "milestone", "--url", world.api.url, "--token", world.lab
                .token(), "--study", studyId, "--patient", enrolled.id(), "--name", "baseline visit"));
        assertThat(cli.code()).isZero();
        assertThat(cli.out()).contains("\"status\"").contains("PAID");
        assertThat(world.balance(enrolled) - before).as("both milestones, each once").isEqualTo(2_000_000);
    }

    @Test
    void aMilestonePaymentInterruptedAfterTheAttestationWasStored_isDeliveredByTheWorker_once() {
        int base = DealWorld.freshBase();
        Api.Acct p = world.patient("Trial milestone worker patient", base, 100);
        Map<String, Object> body = new HashMap<>(study(base, 1));
        body.put("milestones", List.of(Map.of("name", "baseline visit", "fee", 700_000)));
        String studyId = post(world, body);
        as(world.lab, "POST", "/trials/" + studyId + "/invitations", Map.of()).then().statusCode(202);
        as(p, "POST", "/trial-invitations/" + invitation(p, studyId) + "/accept", null).then().statusCode(201);
        Node node = TestNodes.shared();
        Hash32 study = Hash32.fromHex(studyId);
        AccountId patient = new AccountId(UUID.fromString(p.id()));
        Enrolment e = node.trials().store().enrolment(study, patient).orElseThrow();
        long before = world.balance(p);
        boolean stored = node.trials().store().attest(new MilestonePayment(study, patient,
                e.patientAddress(), 0, "baseline visit", 700_000, MilestonePayment.Status.PENDING,
                Optional.empty(), Optional.empty(), Instant.now()), Instant.now());
        assertThat(stored).isTrue();
        assertThat(world.balance(p)).isEqualTo(before);

        runTheWorkerTwoMinutesLater(node);

        as(world.lab, "GET", "/trials/" + studyId + "/milestones", null).then()
                .body("milestones[0].status", equalTo("PAID"));
        assertThat(world.balance(p) - before).isEqualTo(700_000);
    }

    @Test
    void aNonEligibleOrNonConsentingPatientCannotOptIn() {
        int base = DealWorld.freshBase();
        Api.Acct revoker = world.patient("Trial revoker", base, 100);
        Api.Acct stranger = world.patient("Trial stranger", base + 100, 100);
        String studyId = post(world, study(base, 3));
        as(world.lab, "POST", "/trials/" + studyId + "/invitations", Map.of()).then().statusCode(202);
        String inv = invitation(revoker, studyId);

        long grant = ((Number) world.api.get(revoker, "/patients/" + revoker.id() + "/consents")
                .path("grants[0].grantId")).longValue();
        world.consent.revoke(revoker, grant).then().statusCode(200);
        as(revoker, "POST", "/trial-invitations/" + inv + "/accept", null).then().statusCode(403)
                .body("code", equalTo("SALUS-1939"));
        as(stranger, "POST", "/trial-invitations/" + inv + "/accept", null).then().statusCode(404)
                .body("code", equalTo("SALUS-1940"));
        as(world.lab, "POST", "/trial-invitations/" + inv + "/accept", null).then().statusCode(404);

        as(world.lab, "GET", "/trials/" + studyId + "/enrolments", null).then().body("enrolments.size()", equalTo(0));
    }

    @Test
    void anUnfundedStudyCannotInvite() {
        int base = DealWorld.freshBase();
        Api.Acct p = world.patient("Trial unfunded target", base, 100);
        Map<String, Object> tooDear = new HashMap<>(study(base, 2));
        tooDear.put("feePerPatient", 1_000_000_000_000_000L);

        Response posted = as(world.lab, "POST", "/trials", tooDear);
        posted.then().statusCode(201).body("status", equalTo("UNFUNDED"));
        assertThat((String) posted.path("fundingError")).isNotBlank();
        String studyId = posted.path("studyId");

        as(world.lab, "POST", "/trials/" + studyId + "/invitations", Map.of()).then().statusCode(409)
                .body("code", equalTo("SALUS-1932"));
        assertThat(invited(p, studyId)).isFalse();
    }

    @Test
    void aPaymentInterruptedAfterTheEnrolmentWasStored_isDeliveredByTheWorker_once() {
        int base = DealWorld.freshBase();
        Api.Acct p = world.patient("Trial worker", base, 100);
        String studyId = post(world, study(base, 2));
        as(world.lab, "POST", "/trials/" + studyId + "/invitations", Map.of()).then().statusCode(202);
        String inv = invitation(p, studyId);
        String keyHex = as(p, "POST", "/accounts/me/key-export", null).then().statusCode(200).extract()
                .path("privateKey");
        Node node = TestNodes.shared();
        Hash32 study = Hash32.fromHex(studyId);
        EvmAddress address = new EvmAddress(p.address());
        byte[] sig = new EvmSigner().sign(node.trials().ledger().consentDigest(study, address, address),
                HexFormat.of().parseHex(keyHex.substring(2)));
        long before = world.balance(p);

        boolean stored = node.trials().store().accept(UUID.fromString(inv), new Enrolment(study,
                AccountId.parse(p.id()).orElseThrow(), address, address, "0x" + HexFormat.of().formatHex(sig),
                "{\"resourceType\":\"ResearchSubject\"}", Enrolment.Status.PENDING, Optional.empty(),
                Optional.empty(), Instant.now()), Instant.now());
        assertThat(stored).isTrue();
        as(world.lab, "GET", "/trials/" + studyId + "/enrolments", null).then()
                .body("enrolments[0].status", equalTo("PENDING"));
        assertThat(world.balance(p)).isEqualTo(before);

        runTheWorkerTwoMinutesLater(node);

        as(world.lab, "GET", "/trials/" + studyId + "/enrolments", null).then()
                .body("enrolments[0].status", equalTo("PAID"));
        assertThat(world.balance(p) - before).isEqualTo(FEE);
        assertThat(node.trials().ledger().enrolled(study, address)).isTrue();
    }
}
