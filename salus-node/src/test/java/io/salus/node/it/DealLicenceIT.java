package io.salus.node.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import com.nimbusds.jose.jwk.ECKey;
import io.salus.crypto.credential.Holder;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * The marketplace's rule for the PROVIDER role on the real engines (docs/care.md): a hospital whose licence its board
 * revoked after it deposited is not paid its share of a deal; the patients get that part instead.
 */
class DealLicenceIT {

    @Test
    void providerWithARevokedLicence_isNotPaid_andItsPartGoesToThePatients() {
        Api api = new Api(TestNodes.shared());
        DealWorld world = new DealWorld(api, "Licence deal");
        ConsentRequests consent = new ConsentRequests(api);
        CredentialFixture credentials = new CredentialFixture(api);
        Api.Acct board = consent.trustedIssuer("HOSPITAL_LICENCE");
        ECKey key = Holder.newKey();
        CredentialFixture.Issued licence = credentials.issue(board, world.hospital, "HOSPITAL_LICENCE", key, "TREAT");
        credentials.presentFresh(world.hospital, licence.sdJwt(), key, Set.of("purposes")).then().statusCode(201);
        int base = DealWorld.freshBase();
        List<Api.Acct> cohort = world.cohort("Licence patient", base, 14, 100);

        credentials.revoke(board, licence.id()).then().statusCode(200);

        String dealId = world.postOk(DealWorld.deal(base, 20, Instant.now().plus(1, ChronoUnit.HOURS)));
        world.match(dealId, DealWorld.STRONG_EPSILON).then().statusCode(200).body("status", equalTo("MATCHED"));
        world.deliver(dealId).then().statusCode(200).body("status", equalTo("SETTLED"));
        assertThat(world.balance(world.hospital)).as("no share for a provider whose licence was revoked").isZero();
        for (Api.Acct p : cohort) {
            Map<String, Object> e = world.earnings(p);
            assertThat(((Number) e.get("claimable")).longValue()).as("the net share plus the providers' part")
                    .isEqualTo(850_000L);
        }
    }
}
