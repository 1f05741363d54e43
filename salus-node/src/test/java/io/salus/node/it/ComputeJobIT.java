package io.salus.node.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import io.restassured.response.Response;
import io.salus.node.cli.SalusCli;
import io.salus.node.web.PortalHttp;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Compute jobs on the shared node against matched deals over 14 consenting patients whose heart rates (LOINC 8867-4)
 * lie in [base, base + 2): a built-in mean released only against settlement and only to its consumer, every patient
 * used paid; jobs outside the deal's terms rejected; modules that run away, flood their output, import a clock or
 * return rows stopped or refused with their codes, each job ending visibly; a survival curve, a logistic model and
 * quantiles released.
 */
class ComputeJobIT {
    @TempDir
    static Path dir;
    static Api api;
    static DealWorld world;
    static int base;
    static List<Api.Acct> cohort;

    @BeforeAll
    static void world() {
        api = new Api(TestNodes.shared());
        world = new DealWorld(api, "Compute");
        base = DealWorld.freshBase();
        cohort = world.cohort("Compute patient", base, 14, 100);
    }

    static String matchedDeal() {
        String dealId = world.postOk(DealWorld.deal(base, 20, Instant.now().plus(1, ChronoUnit.HOURS)));
        world.match(dealId, DealWorld.STRONG_EPSILON).then().statusCode(200).body("status", equalTo("MATCHED"));
        return dealId;
    }

    static Map<String, Object> mean(String dealId) {
        return Map.of("deal", dealId, "algorithm", "mean", "columns", List.of("observation:8867-4"), "parameters",
                Map.of("low", String.valueOf(base - 2), "high", String.valueOf(base + 4), "step", "0.01"),
                "epsilon", "4");
    }

    static Map<String, Object> module(String dealId, String module, String deadlineMs) {
        return Map.of("deal", dealId, "algorithm", "wasm", "columns", List.of("observation:8867-4"), "parameters",
                Map.of("outputs", "1", "low", String.valueOf(base - 50), "high", String.valueOf(base + 50),
                        "deadlineMs", deadlineMs),
                "epsilon", "4", "module", module);
    }

    @Test
    void aBuiltInMean_isReleasedOnlyAgainstSettlement_onlyToItsConsumer_andPaysEachPatientUsed() throws Exception {
        String dealId = matchedDeal();
        long before = world.balance(cohort.get(0));
        String jobId = Jobs.submitApproved(api, world.lab, mean(dealId));
        Response released = Jobs.await(api, world.lab, jobId, Jobs.ENDED);
        released.then().body("state", equalTo("RELEASED"));
        assertThat(released.<List<String>>path("transitions.to")).containsExactly("SUBMITTED", "APPROVED", "RUNNING",
                "RELEASED");

        Jobs.get(api, world.lab, "/jobs/" + jobId + "/result").then().statusCode(409)
                .body("code", equalTo("SALUS-1204"));
        DealWorld other = new DealWorld(api, "Compute stranger");
        Jobs.get(api, other.lab, "/jobs/" + jobId).then().statusCode(404).body("code", equalTo("SALUS-1720"));
        Jobs.get(api, other.lab, "/jobs/" + jobId + "/result").then().statusCode(404)
                .body("code", equalTo("SALUS-1720"));
        io.restassured.RestAssured.given().baseUri(api.url).auth().oauth2(other.lab.token())
                .post("/jobs/" + jobId + "/settle").then().statusCode(404);

        PortalHttp portal = new PortalHttp(api.url);
        portal.signIn(world.lab.token());
        assertThat(portal.get("/portal/consumer/jobs").body()).contains(jobId.substring(0, 8)).contains("RELEASED");
        assertThat(portal.get("/portal/consumer/jobs/" + jobId).body()).contains("id=\"settle-job\"")
                .contains("result-command").contains("RUNNING");
        PortalHttp stranger = new PortalHttp(api.url);
        stranger.signIn(other.lab.token());
        assertThat(stranger.get("/portal/consumer/jobs/" + jobId).statusCode()).isEqualTo(404);

        io.restassured.RestAssured.given().baseUri(api.url).auth().oauth2(world.lab.token())
                .post("/jobs/" + jobId + "/settle").then().statusCode(200).body("state", equalTo("RELEASED"));
        world.asLab("/deals/" + dealId).then().body("chain.status", equalTo("SETTLED"))
                .body("chain.paidPatients", equalTo(14));
        assertThat(world.balance(cohort.get(0))).as("the patient was paid").isGreaterThan(before);
        assertThat(Jobs.get(api, cohort.get(0), "/patients/" + cohort.get(0).id() + "/access-log").asString())
                .as("the patient sees the job's use")
                .contains("used by a compute job over data deal " + dealId);
        String result = Jobs.openResult(api, world.lab, jobId, dir);
        assertThat(result).contains("\"algorithm\":\"mean\"").contains("\"mean\":").doesNotContain("\"mean\":null");
        double mean = Double.parseDouble(result.replaceAll(".*\"mean\":([-0-9.E]+).*", "$1"));
        // the sum's noise has scale (high - low) / (epsilon / 2) = 3 over 14 patients: 2 either side is 9 scales
        assertThat(mean).as("the heart rates lie in [base, base + 2)").isBetween(base - 2.0, base + 4.0);
        Response withRecord = null;
        for (int i = 0; i < 300 && (withRecord == null || withRecord.path("record") == null); i++) {
            Thread.sleep(200);
            withRecord = Jobs.get(api, world.lab, "/jobs/" + jobId);
        }
        assertThat((String) withRecord.path("record.txHash")).as("the job's record anchored on chain").isNotBlank();
    }

    /** Submits the job on a fresh matched deal, waits for its release, settles it and opens the result. */
    static String releasedAndSettled(String algorithm, List<String> columns, Map<String, String> parameters)
            throws Exception {
        String jobId = Jobs.submitApproved(api, world.lab, Map.of("deal", matchedDeal(), "algorithm", algorithm,
                "columns", columns, "parameters", parameters, "epsilon", "2"));
        Jobs.await(api, world.lab, jobId, Jobs.ENDED).then().body("state", equalTo("RELEASED"));
        io.restassured.RestAssured.given().baseUri(api.url).auth().oauth2(world.lab.token())
                .post("/jobs/" + jobId + "/settle").then().statusCode(200);
        return Jobs.openResult(api, world.lab, jobId, dir);
    }

    @Test
    void aSurvivalCurveALogisticModelAndQuantiles_areReleasedAsJobs_withTheirPrivacyStated() throws Exception {
        String curve = releasedAndSettled("kaplan-meier", List.of("observation:8867-4"), Map.of("origin",
                String.valueOf(base), "width", "1", "bins", "3"));
        String model = releasedAndSettled("logistic", List.of("observation:8867-4"), Map.of("outcomeAtLeast",
                String.valueOf(base + 1), "steps", "10"));
        String quantiles = releasedAndSettled("quantiles", List.of("observation:8867-4"), Map.of("low", String.valueOf(
                base - 10), "high", String.valueOf(base + 10), "bins", "20", "p", "0.5"));

        assertThat(curve).contains("\"algorithm\":\"kaplan-meier\"").contains("\"epsilon\":\"2\"");
        double last = Double.parseDouble(curve.replaceAll(".*\"survival\":([-0-9.E]+).*", "$1"));
        // every heart rate is an event in [base, base + 2): after the second bin hardly anyone survives
        assertThat(last).as(curve).isBetween(0.0, 0.3);
        assertThat(model).contains("\"algorithm\":\"logistic\"").contains("\"coefficients\":{}")
                .contains("\"delta\":1.0E-6").contains("\"steps\":10").containsPattern("\"intercept\":-?[0-9]");
        double median = Double.parseDouble(quantiles.replaceAll(".*\"value\":([-0-9.E]+).*", "$1"));
        // noise of scale 1/2 per bin of width 1; the few noisy counts in empty bins move the median little
        assertThat(median).as(quantiles).isBetween(base - 3.0, base + 5.0);
    }

    @Test
    void aStagedResultWhosePatientIsErasedBeforeSettlement_isWithdrawn_andTheJobFailsVisibly() throws Exception {
        int own = DealWorld.freshBase();
        List<Api.Acct> patients = world.cohort("Compute erased patient", own, 14, 100);
        String dealId = world.postOk(DealWorld.deal(own, 20, Instant.now().plus(1, ChronoUnit.HOURS)));
        world.match(dealId, DealWorld.STRONG_EPSILON).then().statusCode(200).body("status", equalTo("MATCHED"));
        String jobId = Jobs.submitApproved(api, world.lab, Map.of("deal", dealId, "algorithm", "mean", "columns",
                List.of("observation:8867-4"), "parameters", Map.of("low", "0", "high", "100000000", "step", "1000"),
                "epsilon", "4"));
        Jobs.await(api, world.lab, jobId, Jobs.ENDED).then().body("state", equalTo("RELEASED"));
        Api.Acct erased = patients.get(3);
        io.restassured.RestAssured.given().baseUri(api.url).auth().oauth2(erased.token())
                .contentType(io.restassured.http.ContentType.JSON).body(Map.of("confirm", "ERASE " + erased.id()))
                .post("/patients/" + erased.id() + "/erasure").then().statusCode(200);

        io.restassured.RestAssured.given().baseUri(api.url).auth().oauth2(world.lab.token())
                .post("/jobs/" + jobId + "/settle").then().statusCode(409).body("code", equalTo("SALUS-1729"));
        Jobs.get(api, world.lab, "/jobs/" + jobId).then().body("state", equalTo("FAILED"))
                .body("reasonCode", equalTo("SALUS-1729"));
        world.asLab("/deals/" + dealId).then().body("status", equalTo("MATCHED")).body("chain.paidPatients",
                equalTo(0));
        Jobs.submitApproved(api, world.lab, mean(dealId));
    }

    @Test
    void jobsOutsideTheDealsTerms_areRejectedWithTheirReason() {
        String dealId = matchedDeal();
        Response notGranted = Jobs.submit(api, world.lab, Map.of("deal", dealId, "algorithm", "mean", "columns",
                List.of("condition:44054006"), "parameters", Map.of("low", "0", "high", "1", "step", "1"),
                "epsilon", "1"));
        notGranted.then().statusCode(201).body("state", equalTo("REJECTED")).body("reasonCode",
                equalTo("SALUS-1721"));
        Jobs.submit(api, world.lab, Map.of("deal", dealId, "algorithm", "python", "columns",
                List.of("observation:8867-4"), "epsilon", "1")).then().statusCode(201)
                .body("state", equalTo("REJECTED")).body("reasonCode", equalTo("SALUS-1723"));
        DealWorld other = new DealWorld(api, "Compute intruder");
        Jobs.submit(api, other.lab, mean(dealId)).then().statusCode(404);
    }

    @Test
    void modulesThatRunAwayFloodTheirOutputImportAClockOrReturnRows_endVisiblyAndReleaseNothing() throws Exception {
        String dealId = matchedDeal();
        String spin = Jobs.submitApproved(api, world.lab, module(dealId, Jobs.SPIN, "3000"));
        Jobs.submit(api, world.lab, mean(dealId)).then().statusCode(409).body("code", equalTo("SALUS-1728"));
        Jobs.await(api, world.lab, spin, Jobs.ENDED).then().body("state", equalTo("TIMED_OUT"))
                .body("reasonCode", equalTo("SALUS-1713"));
        String flood = Jobs.submitApproved(api, world.lab, module(dealId, Jobs.EMIT_FOREVER, "5000"));
        Jobs.await(api, world.lab, flood, Jobs.ENDED).then().body("state", equalTo("FAILED"))
                .body("reasonCode", equalTo("SALUS-1714"));
        String clock = Jobs.submitApproved(api, world.lab, module(dealId, Jobs.IMPORTS_CLOCK, "5000"));
        Jobs.await(api, world.lab, clock, Jobs.ENDED).then().body("state", equalTo("FAILED"))
                .body("reasonCode", equalTo("SALUS-1711"));
        String rows = Jobs.submitApproved(api, world.lab, module(dealId, Jobs.ROWS, "5000"));
        Jobs.await(api, world.lab, rows, Jobs.ENDED).then().body("state", equalTo("FAILED"))
                .body("reasonCode", equalTo("SALUS-1724"));
        Jobs.get(api, world.lab, "/jobs/" + rows + "/result").then().statusCode(409)
                .body("code", equalTo("SALUS-1726"));
        world.asLab("/deals/" + dealId).then().body("status", equalTo("MATCHED"));

        String ok = Jobs.submitApproved(api, world.lab, module(dealId, Jobs.MEAN, "5000"));
        Jobs.await(api, world.lab, ok, Jobs.ENDED).then().body("state", equalTo("RELEASED"));
        world.asLab("/deals/" + dealId).then().body("status", equalTo("STAGED"));
    }

    @Test
    void theJobCommands_submitFollowSettleAndPrintTheDecryptedResult_andFailOnAStrangersJob() throws Exception {
        String dealId = matchedDeal();
        String[] auth = {"--url", api.url, "--token", world.lab.token()};
        assertThat(SalusCli.run(join(new String[]{"job", "submit", "--deal", dealId, "--algorithm", "mean",
                "--columns", "observation:8867-4", "--param", "low=" + (base - 50), "--param", "high=" + (base + 50),
                "--param", "step=0.01", "--epsilon", "4"}, auth))).isZero();
        String jobId = Jobs.get(api, world.lab, "/jobs").path("jobs[0].jobId");
        Jobs.await(api, world.lab, jobId, Jobs.ENDED).then().body("state", equalTo("RELEASED"));
        assertThat(SalusCli.run(join(new String[]{"job", "status", "--job", jobId}, auth))).isZero();
        Path out = dir.resolve("cli-result.salus");
        assertThat(SalusCli.run(join(new String[]{"job", "result", "--job", jobId, "--out", out.toString()}, auth)))
                .as("not before settlement").isNotZero();
        assertThat(SalusCli.run(join(new String[]{"job", "settle", "--job", jobId}, auth))).isZero();
        String keyHex = io.restassured.RestAssured.given().baseUri(api.url).auth().oauth2(world.lab.token())
                .post("/accounts/me/key-export").then().statusCode(200).extract().path("encryptionPrivateKey");
        Path key = java.nio.file.Files.writeString(dir.resolve("cli-key.hex"), keyHex);
        assertThat(SalusCli.run(join(new String[]{"job", "result", "--job", jobId, "--out", out.toString(),
                "--key-file", key.toString()}, auth))).isZero();
        assertThat(java.nio.file.Files.readString(dir.resolve("cli-result.salus.json"))).contains("\"mean\":");
        DealWorld other = new DealWorld(api, "Compute CLI stranger");
        assertThat(SalusCli.run(new String[]{"job", "status", "--job", jobId, "--url", api.url, "--token",
                other.lab.token()})).isNotZero();
    }

    private static String[] join(String[] a, String[] b) {
        String[] out = java.util.Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }
}
