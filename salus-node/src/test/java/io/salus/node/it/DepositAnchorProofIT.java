package io.salus.node.it;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import io.restassured.http.ContentType;
import io.restassured.response.Response;
import io.salus.core.account.AccountKind;
import io.salus.core.account.EvmAddress;
import io.salus.node.wiring.Node;
import io.salus.testkit.Bundles;
import io.salus.testkit.Fixtures;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Deposit → anchor → proof, end to end on embedded PostgreSQL and a local anvil. */
class DepositAnchorProofIT {
    static Node node;
    static Api api;

    @BeforeAll
    static void start() {
        node = TestNodes.shared();
        api = new Api(node);
    }

    @Test
    void aFixturePatientDepositedByTheirHospitalIsAnchoredAndEveryRecordVerifiesAgainstTheChain() throws Exception {
        Api.Acct hospital = api.open("HOSPITAL", "General Hospital");
        Api.Acct patient = api.open("PATIENT", "Fixture patient");
        api.link(patient, hospital);
        byte[] bundle = Fixtures.bytes(Fixtures.syntheaBundles().get(0));

        Response deposit = api.deposit(hospital, patient, bundle, "fixture-0");
        deposit.then().statusCode(201);
        int count = deposit.path("records.size()");
        assertThat(count).isGreaterThan(10);

        List<Map<String, Object>> records = api.awaitAnchored(patient, count, Duration.ofSeconds(90));
        assertThat(records).hasSize(count);
        for (Map<String, Object> r : records.subList(0, Math.min(40, records.size()))) {
            String id = (String) r.get("id");
            Response read = api.get(patient, "/records/" + id);
            read.then().statusCode(200).contentType("application/fhir+json");
            assertThat((String) read.path("resourceType")).isEqualTo(r.get("resourceType"));
            api.get(patient, "/records/" + id + "/verification").then().statusCode(200)
                    .body("verified", org.hamcrest.Matchers.is(true));
        }
    }

    @Test
    void anyoneHoldingTheRecordAndItsReceiptCanProveItAgainstTheChainAndAChangedRecordFails() throws Exception {
        Api.Acct patient = api.open("PATIENT", "Self depositor");
        api.deposit(patient, patient, Bundles.patientWithObservations("proof-1", 3), null).then().statusCode(201);
        Map<String, Object> rec = api.awaitAnchored(patient, 4, Duration.ofSeconds(60)).get(1);
        String id = (String) rec.get("id");
        byte[] content = api.get(patient, "/records/" + id).then().statusCode(200).extract().asByteArray();
        Response receipt = api.get(patient, "/records/" + id + "/receipt");
        receipt.then().statusCode(200);

        Map<String, Object> claim = Map.of("batchKey", receipt.path("batchKey"), "proof", receipt.path("proof"),
                "contentBase64", Base64.getEncoder().encodeToString(content), "salt", receipt.path("salt"));
        given().baseUri(api.url).contentType(ContentType.JSON).body(claim).post("/proofs/verify").then()
                .statusCode(200).body("verified", org.hamcrest.Matchers.is(true))
                .body("anchor.txHash", org.hamcrest.Matchers.equalTo(receipt.path("txHash")));

        byte[] changed = content.clone();
        changed[changed.length / 2] ^= 1;
        Map<String, Object> forged = Map.of("batchKey", receipt.path("batchKey"), "proof", receipt.path("proof"),
                "contentBase64", Base64.getEncoder().encodeToString(changed), "salt", receipt.path("salt"));
        given().baseUri(api.url).contentType(ContentType.JSON).body(forged).post("/proofs/verify").then()
                .statusCode(200).body("verified", org.hamcrest.Matchers.is(false));
    }

    @Test
    void aRetryWithTheSameIdempotencyKeyReturnsTheFirstDepositAndStoresNothingMore() throws Exception {
        Api.Acct patient = api.open("PATIENT", "Retrying patient");
        byte[] bundle = Bundles.patientWithObservations("retry-1", 2);
        Response first = api.deposit(patient, patient, bundle, "k-1");
        first.then().statusCode(201);
        Response again = api.deposit(patient, patient, bundle, "k-1");
        again.then().statusCode(200).body("replayed", org.hamcrest.Matchers.is(true));
        assertThat((String) again.path("depositId")).isEqualTo(first.path("depositId"));
        assertThat(api.records(patient)).hasSize(3);
    }

    @Test
    void reusingAnIdempotencyKeyForOtherContentIsAConflictAndStoresNothing() {
        Api.Acct patient = api.open("PATIENT", "Key reuser");
        api.deposit(patient, patient, Bundles.patientWithObservations("reuse-1", 1), "k-2").then().statusCode(201);
        api.deposit(patient, patient, Bundles.patientWithObservations("reuse-1", 5), "k-2").then().statusCode(409)
                .body("code", org.hamcrest.Matchers.equalTo("SALUS-0205"));
        assertThat(api.records(patient)).hasSize(2);
    }

    @Test
    void aProviderWithoutACareRelationshipCannotDepositForThePatient() {
        Api.Acct stranger = api.open("PHYSICIAN", "Unlinked physician");
        Api.Acct patient = api.open("PATIENT", "Unlinked patient");
        api.deposit(stranger, patient, Bundles.patientWithObservations("unlinked", 1), null).then().statusCode(403)
                .contentType("application/problem+json").body("code", org.hamcrest.Matchers.equalTo("SALUS-0105"));
        assertThat(api.records(patient)).isEmpty();
    }

    @Test
    void anotherPatientCannotReadOrListTheRecords() throws Exception {
        Api.Acct owner = api.open("PATIENT", "Owner");
        Api.Acct other = api.open("PATIENT", "Other");
        api.deposit(owner, owner, Bundles.patientWithObservations("owner", 1), null).then().statusCode(201);
        String id = (String) api.records(owner).get(0).get("id");
        api.get(other, "/records/" + id).then().statusCode(404).body("code",
                org.hamcrest.Matchers.equalTo("SALUS-0200"));
        api.get(other, "/patients/" + owner.id() + "/records").then().statusCode(403);
        given().baseUri(api.url).get("/records/" + id).then().statusCode(401);
    }

    @Test
    void openedAccountsAreRegisteredOnChainWithTheirKindAndCarryADidPkh() throws Exception {
        Api.Acct pharmacy = api.open("PHARMACY", "Corner pharmacy");
        given().baseUri(api.url).get("/accounts/" + pharmacy.id()).then().statusCode(200)
                .body("did", org.hamcrest.Matchers.equalTo("did:pkh:eip155:31337:" + pharmacy.address()));
        EvmAddress address = new EvmAddress(pharmacy.address());
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        Optional<AccountKind> kind = Optional.empty();
        while (kind.isEmpty() && System.nanoTime() < deadline) {
            kind = node.ledger().registeredKind(address);
            Thread.sleep(100);
        }
        assertThat(kind).contains(AccountKind.PHARMACY);
    }
}
