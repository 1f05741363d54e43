package io.salus.node.it;

import static org.hamcrest.Matchers.equalTo;

import io.salus.node.wiring.Node;
import io.salus.testkit.Bundles;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.time.Duration;
import java.util.UUID;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** A record altered in the database is never served as valid: reading and verifying it fail with SALUS-0201. */
class TamperIT {
    static Node node;
    static Api api;

    @BeforeAll
    static void start() {
        node = TestNodes.shared();
        api = new Api(node);
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {
            "UPDATE salus.sealed_record SET ciphertext = overlay(ciphertext placing '\\xff'::bytea from 20 for 1) WHERE id = ?",
            "UPDATE salus.sealed_record SET wrapped_key_patient = overlay(wrapped_key_patient placing '\\x00'::bytea from 40 for 1) WHERE id = ?",
            "UPDATE salus.sealed_record SET category = 'CONDITIONS' WHERE id = ?",
            "UPDATE salus.sealed_record SET salt = sha256(salt) WHERE id = ?",
            "UPDATE salus.sealed_record SET leaf = sha256(leaf) WHERE id = ?",
            "UPDATE salus.sealed_record SET salt = (SELECT s.salt FROM salus.sealed_record s WHERE s.id <> ? LIMIT 1)"
                    + " WHERE id = ?"})
    void aTamperedRowFailsItsIntegrityCheckAndIsNotServed(String tamper) throws Exception {
        Api.Acct patient = api.open("PATIENT", "Tamper target");
        api.deposit(patient, patient, Bundles.patientWithObservations("tamper-" + UUID.randomUUID(), 1), null)
                .then().statusCode(201);
        String id = (String) api.awaitAnchored(patient, 2, Duration.ofSeconds(60)).get(1).get("id");
        api.get(patient, "/records/" + id).then().statusCode(200);

        try (Connection c = node.dataSource().getConnection(); PreparedStatement ps = c.prepareStatement(tamper)) {
            for (int i = 1; i <= ps.getParameterMetaData().getParameterCount(); i++) {
                ps.setObject(i, UUID.fromString(id));
            }
            if (ps.executeUpdate() != 1) {
                throw new AssertionError("tamper statement changed no row");
            }
        }

        api.get(patient, "/records/" + id).then().statusCode(409).contentType("application/problem+json")
                .body("code", equalTo("SALUS-0201"));
        api.get(patient, "/records/" + id + "/verification").then().statusCode(409)
                .body("code", equalTo("SALUS-0201"));
    }
}
