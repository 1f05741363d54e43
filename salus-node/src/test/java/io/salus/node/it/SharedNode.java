package io.salus.node.it;

import io.restassured.response.Response;
import io.salus.node.wiring.Node;
import io.salus.testkit.Bundles;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;

/**
 * Public access to the shared integration-test node and the API helpers of this package, for tests in other packages
 * (the portal's browser and HTTP tests in {@code io.salus.node.web}).
 */
public final class SharedNode {
    /** An account opened through the API: its id, API token and chain address. */
    public record Account(String id, String token, String address) {
    }

    private SharedNode() {
    }

    public static Node node() {
        return TestNodes.shared();
    }

    public static String url() {
        return node().apiUrl();
    }

    public static String operatorToken() {
        return TestNodes.operatorToken(node());
    }

    private static Api api() {
        return new Api(node());
    }

    /** Opens an account of the kind (PATIENT, CONSUMER, AUDITOR, HOSPITAL...) through the API. */
    public static Account open(String kind, String name) {
        return of(api().open(kind, name));
    }

    /** Links the provider to the patient and deposits a bundle with {@code observations} heart-rate readings. */
    public static void depositObservations(Account provider, Account patient, int observations)
            throws InterruptedException {
        Api a = api();
        a.link(as(patient), as(provider));
        a.deposit(as(provider), as(patient), Bundles.patientWithObservations("portal-" + patient.id(), observations),
                null).then().statusCode(201);
        a.awaitAnchored(as(patient), observations + 1, Duration.ofSeconds(60));
    }

    /** Links the provider to the patient and deposits the {@code index}-th Synthea fixture bundle; waits for anchors. */
    public static int depositSynthea(Account provider, Account patient, int index) throws InterruptedException {
        Api a = api();
        a.link(as(patient), as(provider));
        String name = io.salus.testkit.Fixtures.syntheaBundles().get(index);
        List<Object> records = a.deposit(as(provider), as(patient), io.salus.testkit.Fixtures.bytes(name), null)
                .then().statusCode(201).extract().path("records");
        int n = records.size();
        a.awaitAnchored(as(patient), n, Duration.ofSeconds(120));
        return n;
    }

    /** A consumer attested as {@code type} for {@code purposes} by a newly trusted issuer. */
    public static void attest(Account consumer, String type, String... purposes) {
        ConsentRequests f = new ConsentRequests(api());
        Api.Acct issuer = f.trustedIssuer(type);
        f.attest(issuer, as(consumer), type, purposes);
    }

    /** The requester asks the API for the patient's data for a purpose; the response says released or denied. */
    public static Response access(Account requester, Account patient, String purpose, String... categories) {
        return new ConsentRequests(api()).access(as(requester), as(patient), purpose, categories);
    }

    /** Grants through the API (for tests that need a grant the portal did not make). */
    public static long grant(Account patient, List<String> categories, List<String> types, List<String> purposes) {
        return new ConsentRequests(api()).grantOk(as(patient), categories, types, purposes);
    }

    public static List<java.util.Map<String, Object>> consents(Account patient) {
        return api().get(as(patient), "/patients/" + patient.id() + "/consents").then().statusCode(200).extract()
                .path("grants");
    }

    public static Instant inDays(int days) {
        return Instant.now().plus(days, ChronoUnit.DAYS);
    }

    private static Api.Acct as(Account a) {
        return new Api.Acct(a.id(), a.token(), a.address());
    }

    private static Account of(Api.Acct a) {
        return new Account(a.id(), a.token(), a.address());
    }
}
