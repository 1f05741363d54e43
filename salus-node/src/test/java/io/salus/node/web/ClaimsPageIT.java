package io.salus.node.web;

import static org.assertj.core.api.Assertions.assertThat;

import io.salus.core.account.Account;
import io.salus.core.account.AccountId;
import io.salus.core.claims.CoveragePlan;
import io.salus.core.record.Category;
import io.salus.node.it.SharedNode;
import io.salus.node.web.claims.ClaimsPortal;
import io.salus.node.wiring.Node;
import java.net.http.HttpResponse;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The claims page: an insurer publishes a coverage and a provider submits a Claim through the portal (with the
 * session's CSRF token only), and the patient and the insurer see it on theirs; another patient sees nothing.
 */
class ClaimsPageIT {
    static Account account(SharedNode.Account a) {
        return SharedNode.node().accounts().find(AccountId.parse(a.id()).orElseThrow()).orElseThrow();
    }

    @Test
    void anInsurerCoversAndAProviderClaimsThroughThePortal_andOnlyItsPartiesSeeIt_andAForgedFormStoresNothing()
            throws InterruptedException {
        Node node = SharedNode.node();
        SharedNode.Account patient = SharedNode.open("PATIENT", "Claims page patient");
        SharedNode.Account physician = SharedNode.open("PHYSICIAN", "Claims page physician");
        SharedNode.Account insurer = SharedNode.open("CONSUMER", "Claims page insurer");
        SharedNode.depositObservations(physician, patient, 1);
        LocalDate today = LocalDate.now(ZoneOffset.UTC);
        PortalHttp payer = new PortalHttp(SharedNode.url());
        payer.signIn(insurer.token());
        assertThat(payer.get(ClaimsPortal.HOME).body()).contains("Publish a coverage");
        payer.postWithCsrf(ClaimsPortal.HOME + "/coverage", Map.of("patient", patient.id(), "start", today.toString(),
                "end", today.plusDays(1).toString(), "service", "99213", "limit", "100"));
        CoveragePlan plan = node.claims().coverages().mine(account(insurer)).get(0);
        assertThat(plan.limits()).containsEntry("99213", 100_000_000L);
        String record = node.records().list(account(patient), account(patient).id()).orElseThrow().stream()
                .filter(r -> r.category() == Category.VITAL_SIGNS).findFirst().orElseThrow().id().toString();
        Map<String, String> form = Map.of("patient", patient.id(), "coverage", plan.id().toString(), "service",
                "99213", "date", today.toString(), "amount", "12.5", "evidence", record);

        PortalHttp provider = new PortalHttp(SharedNode.url());
        provider.signIn(physician.token());
        assertThat(provider.get(ClaimsPortal.HOME).body()).contains("Submit a claim", "No claims concern you");
        HttpResponse<String> forged = provider.post(ClaimsPortal.HOME, form);
        assertThat(forged.statusCode()).isEqualTo(403);
        assertThat(node.claims().queries().mine(account(patient))).isEmpty();

        provider.postWithCsrf(ClaimsPortal.HOME, form);
        assertThat(provider.get(ClaimsPortal.HOME).body()).contains("Claims page patient", "REFUSED",
                "holds no presented, valid licence");

        PortalHttp own = new PortalHttp(SharedNode.url());
        own.signIn(patient.token());
        assertThat(own.get(ClaimsPortal.HOME).body()).contains("Claims page physician", "REFUSED")
                .doesNotContain("Submit a claim");
        assertThat(payer.get(ClaimsPortal.HOME).body()).contains("Claims page physician", plan.id().toString());
        PortalHttp stranger = new PortalHttp(SharedNode.url());
        stranger.signIn(SharedNode.open("PATIENT", "Claims page stranger").token());
        assertThat(stranger.get(ClaimsPortal.HOME).body()).contains("No claims concern you")
                .doesNotContain("Claims page physician");
    }
}
