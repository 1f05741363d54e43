package io.salus.node.it;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import io.restassured.http.ContentType;
import io.restassured.response.Response;
import io.salus.chain.consent.EvmSigner;
import io.salus.chain.move.EvmHomeMoves;
import io.salus.core.account.EvmAddress;
import io.salus.core.anchor.TxRef;
import io.salus.core.consent.Signed;
import io.salus.core.error.Result;
import io.salus.core.move.HomeMove;
import io.salus.node.wiring.Node;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** What the bank-move tests of {@link AllianceIT} do at a node, over its API, its chain and its database. */
final class BankMoveSteps {
    private BankMoveSteps() {
    }

    /** A patient of {@code api}'s node with {@code n} anchored records deposited by a hospital there. */
    static Api.Acct patientWithRecords(Api api, String name, int n) throws InterruptedException {
        Api.Acct hospital = api.open("HOSPITAL", name + "'s hospital");
        Api.Acct patient = api.open("PATIENT", name);
        api.link(patient, hospital);
        api.deposit(hospital, patient, ErasureBundles.heartRates(name, DealWorld.freshBase(), n), null).then()
                .statusCode(201);
        api.awaitAnchored(patient, n, Duration.ofSeconds(60));
        return patient;
    }

    static long grant(Api api, Api.Acct patient) {
        return given().baseUri(api.url).auth().oauth2(patient.token()).contentType(ContentType.JSON)
                .body(Map.of("categories", List.of("VITAL_SIGNS"), "consumerTypes", List.of("ACADEMIC_RESEARCHER"),
                        "purposes", List.of("HRESCH"), "validUntil", Instant.now().plus(30, ChronoUnit.DAYS)
                                .toString(),
                        "minPrice", 0))
                .post("/patients/" + patient.id() + "/consents").then().statusCode(201).extract()
                .<Number>path("grantId").longValue();
    }

    static Response move(Node at, String token, EvmAddress to) {
        return given().baseUri(at.apiUrl()).auth().oauth2(token).contentType(ContentType.JSON)
                .body(Map.of("to", to.hex())).post("/accounts/me/move");
    }

    /** Waits (bounded) until {@code at} says the patient's bank arrived there. */
    static Map<String, Object> awaitArrived(Node at, Api.Acct patient) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(90).toNanos();
        Response r;
        do {
            Thread.sleep(200);
            r = given().baseUri(at.apiUrl()).auth().oauth2(patient.token()).get("/accounts/me/move");
        } while (r.statusCode() != 200 && System.nanoTime() < deadline);
        assertThat(r.statusCode()).as(r.asString()).isEqualTo(200);
        return r.jsonPath().getMap("$");
    }

    /** Waits (bounded) until the leaving node has finished: the patient's token is refused there as erased. */
    static void awaitLeft(Node at, Api.Acct patient) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        int status;
        while ((status = given().baseUri(at.apiUrl()).auth().oauth2(patient.token()).get("/patients/"
                + patient.id() + "/records").statusCode()) != 410 && System.nanoTime() < deadline) {
            Thread.sleep(200);
        }
        assertThat(status).as("the leaving node answers the moved patient as erased").isEqualTo(410);
    }

    /** The patient's own key (agent custody hands it over on request): what a wallet would sign with. */
    static byte[] exportedKey(Api api, Api.Acct patient) {
        String hex = given().baseUri(api.url).auth().oauth2(patient.token()).post("/accounts/me/key-export").then()
                .statusCode(200).extract().path("privateKey");
        return HexFormat.of().parseHex(hex.substring(2));
    }

    /** Signs a home move with {@code key} (the patient's, or an attacker's) and relays it through {@code via}. */
    static Result<TxRef> relaySigned(Node via, byte[] key, EvmAddress account, EvmAddress from, EvmAddress to,
            long nonce) {
        EvmHomeMoves homes = EvmHomeMoves.on(via.ledger());
        Signed<HomeMove> unsigned = new Signed<>(new HomeMove(account, from, to), account, nonce,
                Instant.now().plus(1, ChronoUnit.HOURS).truncatedTo(ChronoUnit.SECONDS), new byte[0]);
        byte[] signature = new EvmSigner().sign(homes.digest(unsigned), key);
        return homes.move(new Signed<>(unsigned.payload(), account, nonce, unsigned.deadline(), signature));
    }

    static long count(Node node, String sql, String patient) throws SQLException {
        try (Connection c = node.dataSource().getConnection(); PreparedStatement s = c.prepareStatement(sql)) {
            s.setObject(1, UUID.fromString(patient));
            try (ResultSet rs = s.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }
}
