package io.salus.node.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.restassured.response.Response;
import io.salus.node.wiring.Node;
import io.salus.testkit.Bundles;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * Over many trials, the first access after a revocation is denied: the decision point syncs to the chain head, which
 * includes the block carrying the revocation, before deciding.
 */
class RevocationPropagationIT {

    @Test
    void afterEveryRevocationTheVeryNextAccessIsDeniedAndAuditedAsRevoked() throws Exception {
        Node node = TestNodes.shared();
        Api api = new Api(node);
        ConsentRequests consent = new ConsentRequests(api);
        Api.Acct issuer = consent.trustedIssuer("PUBLIC_HEALTH");
        Api.Acct agency = api.open("CONSUMER", "Public health agency");
        consent.attest(issuer, agency, "PUBLIC_HEALTH", "PUBHLTH");
        Api.Acct p = api.open("PATIENT", "Revoking patient");
        api.deposit(p, p, Bundles.patientWithObservations("rev-" + UUID.randomUUID(), 1), null).then().statusCode(201);
        for (int trial = 0; trial < 8; trial++) {
            long g = consent.grantOk(p, List.of("VITAL_SIGNS"), List.of("PUBLIC_HEALTH"), List.of("PUBHLTH"));
            consent.access(agency, p, "PUBHLTH", "VITAL_SIGNS").then().statusCode(200);
            Response revoked = consent.revoke(p, g);
            revoked.then().statusCode(200);
            long revocationBlock = ((Number) revoked.path("block")).longValue();
            Response denied = consent.access(agency, p, "PUBHLTH", "VITAL_SIGNS");
            denied.then().statusCode(403);
            assertThat((String) denied.path("code")).isEqualTo("SALUS-0405");
            long revokedDenials = consent.accessLog(p).stream().filter(e -> "SALUS-0405".equals(e.get("code")))
                    .count();
            assertThat(revokedDenials).isEqualTo(trial + 1);
            assertThat(revocationBlock).isPositive();
        }
    }
}
