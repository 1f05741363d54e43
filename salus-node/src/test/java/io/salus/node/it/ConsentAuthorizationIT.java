package io.salus.node.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.everyItem;
import static org.hamcrest.Matchers.is;

import io.restassured.response.Response;
import io.salus.node.wiring.Node;
import io.salus.testkit.Bundles;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/**
 * The authorization matrix of consented access, on the real engines: each case returns its own error code and is
 * audited as a denial; a permitted access is audited, logged on chain, and releases only the granted categories.
 */
class ConsentAuthorizationIT {
    static Api api;
    static ConsentRequests consent;
    static Api.Acct issuer;
    static Api.Acct researcher;
    static Api.Acct patient;

    @BeforeAll
    static void setUp() throws Exception {
        Node node = TestNodes.shared();
        api = new Api(node);
        consent = new ConsentRequests(api);
        issuer = consent.trustedIssuer("ACADEMIC_RESEARCHER", "PHARMA");
        researcher = api.open("CONSUMER", "University lab");
        consent.attest(issuer, researcher, "ACADEMIC_RESEARCHER", "HRESCH");
        patient = patientWithData("matrix");
        consent.grantOk(patient, List.of("VITAL_SIGNS"), List.of("ACADEMIC_RESEARCHER"), List.of("HRESCH"));
    }

    static Api.Acct patientWithData(String tag) throws Exception {
        Api.Acct p = api.open("PATIENT", "Consenting patient " + tag);
        api.deposit(p, p, Bundles.patientWithObservations(tag + "-" + UUID.randomUUID(), 3), null).then()
                .statusCode(201);
        api.awaitAnchored(p, 4, java.time.Duration.ofSeconds(60));
        return p;
    }

    static void deniedWith(Response r, String code) {
        r.then().statusCode(code.equals("SALUS-0412") || code.equals("SALUS-0413") ? 503 : 403)
                .contentType("application/problem+json").body("code", equalTo(code));
    }

    @Test
    void aResearcherWithAttestationAndGrantReceivesOnlyTheGrantedCategoryAndTheAccessIsLoggedOnChain() {
        Response r = consent.access(researcher, patient, "HRESCH", "VITAL_SIGNS", "DEMOGRAPHICS");
        r.then().statusCode(200).body("records.category", everyItem(equalTo("VITAL_SIGNS")));
        List<Map<String, Object>> records = r.path("records");
        assertThat(records).hasSize(3);
        assertThat((String) r.path("records[0].resource.resourceType")).isEqualTo("Observation");
        List<Map<String, Object>> decisions = r.path("decisions");
        Map<Object, Map<String, Object>> byCategory = new java.util.HashMap<>();
        decisions.forEach(d -> byCategory.put(d.get("category"), d));
        assertThat(byCategory.get("VITAL_SIGNS")).containsEntry("decision", "PERMIT").containsKey("txHash");
        assertThat(byCategory.get("DEMOGRAPHICS")).containsEntry("decision", "DENY").containsEntry("code",
                "SALUS-0401");
        assertThat(consent.accessLog(patient)).anySatisfy(e -> {
            assertThat(e.get("requesterId")).isEqualTo(researcher.id());
            assertThat(e.get("decision")).isEqualTo("PERMIT");
            assertThat(e.get("purpose")).isEqualTo("HRESCH");
            assertThat(e.get("grantId")).isNotNull();
        });
    }

    @Nested
    class Denials {
        @Test
        void aPatientReadingAnotherPatientsDataIsDeniedForLackOfAttestation() throws Exception {
            Api.Acct other = api.open("PATIENT", "Curious patient");
            deniedWith(consent.access(other, patient, "HRESCH", "VITAL_SIGNS"), "SALUS-0406");
            String recordId = (String) api.records(patient).get(0).get("id");
            api.get(other, "/records/" + recordId).then().statusCode(404);
        }

        @Test
        void aConsumerWithoutAttestationIsDenied() {
            Api.Acct unattested = api.open("CONSUMER", "Unattested broker");
            deniedWith(consent.access(unattested, patient, "HRESCH", "VITAL_SIGNS"), "SALUS-0406");
            assertDeniedInLog("SALUS-0406");
        }

        @Test
        void aPurposeTheAttestationDoesNotAllowIsDenied() {
            deniedWith(consent.access(researcher, patient, "HMARKT", "VITAL_SIGNS"), "SALUS-0409");
            assertDeniedInLog("SALUS-0409");
        }

        @Test
        void anAttestedPurposeTheGrantDoesNotCoverIsDenied() {
            Api.Acct trialist = api.open("CONSUMER", "Trial sponsor");
            consent.attest(issuer, trialist, "ACADEMIC_RESEARCHER", "HRESCH", "CLINTRCH");
            deniedWith(consent.access(trialist, patient, "CLINTRCH", "VITAL_SIGNS"), "SALUS-0402");
        }

        @Test
        void aCategoryOutsideTheGrantIsDenied() {
            deniedWith(consent.access(researcher, patient, "HRESCH", "DEMOGRAPHICS"), "SALUS-0401");
            assertDeniedInLog("SALUS-0401");
        }

        @Test
        void anExpiredGrantIsDenied() throws Exception {
            Api.Acct p = patientWithData("expired");
            consent.grant(p, p, List.of("VITAL_SIGNS"), List.of("ACADEMIC_RESEARCHER"), List.of("HRESCH"),
                    Instant.now().minus(2, ChronoUnit.DAYS), Instant.now().minus(1, ChronoUnit.DAYS)).then()
                    .statusCode(201);
            deniedWith(consent.access(researcher, p, "HRESCH", "VITAL_SIGNS"), "SALUS-0403");
        }

        @Test
        void aRevokedGrantIsDenied() throws Exception {
            Api.Acct p = patientWithData("revoked");
            long g = consent.grantOk(p, List.of("VITAL_SIGNS"), List.of("ACADEMIC_RESEARCHER"), List.of("HRESCH"));
            consent.access(researcher, p, "HRESCH", "VITAL_SIGNS").then().statusCode(200);
            consent.revoke(p, g).then().statusCode(200);
            deniedWith(consent.access(researcher, p, "HRESCH", "VITAL_SIGNS"), "SALUS-0405");
            assertThat(consent.accessLog(p)).anySatisfy(e -> assertThat(e.get("code")).isEqualTo("SALUS-0405"));
        }

        @Test
        void aRevokedAttestationIsDenied() {
            Api.Acct lab = api.open("CONSUMER", "Lab losing its approval");
            long att = consent.attest(issuer, lab, "ACADEMIC_RESEARCHER", "HRESCH");
            consent.access(lab, patient, "HRESCH", "VITAL_SIGNS").then().statusCode(200);
            consent.revokeAttestation(issuer, att);
            deniedWith(consent.access(lab, patient, "HRESCH", "VITAL_SIGNS"), "SALUS-0408");
        }

        @Test
        void anUntrustedIssuerCannotAttest() {
            Api.Acct rogue = api.open("ISSUER", "Rogue board");
            Api.Acct lab = api.open("CONSUMER", "Lab of the rogue board");
            io.restassured.RestAssured.given().baseUri(api.url).auth().oauth2(rogue.token())
                    .contentType(io.restassured.http.ContentType.JSON)
                    .body(Map.of("subjectId", lab.id(), "type", "ACADEMIC_RESEARCHER", "purposes", List.of("HRESCH"),
                            "validUntil", Instant.now().plus(1, ChronoUnit.DAYS).toString()))
                    .post("/attestations").then().statusCode(403).body("code", equalTo("SALUS-0419"));
        }

        private void assertDeniedInLog(String code) {
            assertThat(consent.accessLog(patient)).anySatisfy(e -> {
                assertThat(e.get("decision")).isEqualTo("DENY");
                assertThat(e.get("code")).isEqualTo(code);
            });
        }
    }

    @Nested
    class Delegation {
        @Test
        void aCaregiverWithViewRecordsReadsThePatientsData() throws Exception {
            Api.Acct p = patientWithData("delegating");
            Api.Acct caregiver = api.open("CAREGIVER", "Daughter");
            consent.delegate(p, caregiver, List.of("VIEW_RECORDS")).then().statusCode(200);
            consent.access(caregiver, p, "TREAT", "VITAL_SIGNS").then().statusCode(200)
                    .body("decisions[0].decision", equalTo("PERMIT"));
        }

        @Test
        void aCaregiverBeyondTheirScopeIsDeniedAndWithinItCanManageConsent() throws Exception {
            Api.Acct p = patientWithData("scoped");
            Api.Acct manager = api.open("CAREGIVER", "Legal representative");
            consent.delegate(p, manager, List.of("MANAGE_CONSENT")).then().statusCode(200);
            deniedWith(consent.access(manager, p, "TREAT", "VITAL_SIGNS"), "SALUS-0410");
            consent.grant(manager, p, List.of("VITAL_SIGNS"), List.of("ACADEMIC_RESEARCHER"), List.of("HRESCH"),
                    Instant.now().minusSeconds(60), Instant.now().plus(1, ChronoUnit.DAYS)).then().statusCode(201);
            consent.access(researcher, p, "HRESCH", "VITAL_SIGNS").then().statusCode(200);

            Api.Acct viewer = api.open("CAREGIVER", "Neighbour");
            consent.delegate(p, viewer, List.of("VIEW_RECORDS")).then().statusCode(200);
            deniedWith(consent.grant(viewer, p, List.of("VITAL_SIGNS"), List.of("PHARMA"), List.of("HRESCH"),
                    Instant.now(), Instant.now().plus(1, ChronoUnit.DAYS)), "SALUS-0410");
        }
    }

    @Nested
    class Audit {
        @Test
        void anAuditorVerifiesTheTrailAgainstTheChainAndSeesATamperedEntry() throws Exception {
            Api.Acct p = patientWithData("audited");
            consent.grantOk(p, List.of("VITAL_SIGNS"), List.of("ACADEMIC_RESEARCHER"), List.of("HRESCH"));
            consent.access(researcher, p, "HRESCH", "VITAL_SIGNS").then().statusCode(200);
            Api.Acct auditor = api.open("AUDITOR", "Regulator");
            api.get(auditor, "/audit/patients/" + p.id()).then().statusCode(200).body("verified", is(true))
                    .body("checks[0].verification", equalTo("VERIFIED"));

            try (var c = TestNodes.shared().dataSource().getConnection();
                    var ps = c.prepareStatement("UPDATE salus.audit_entry SET purpose = 'HMARKT' WHERE patient = ?")) {
                ps.setObject(1, UUID.fromString(p.id()));
                assertThat(ps.executeUpdate()).isPositive();
            }
            api.get(auditor, "/audit/patients/" + p.id()).then().statusCode(200).body("verified", is(false))
                    .body("checks[0].verification", equalTo("MISMATCH"));
            Api.Acct stranger = api.open("CONSUMER", "Not an auditor");
            api.get(stranger, "/audit/patients/" + p.id()).then().statusCode(403);
        }
    }
}
