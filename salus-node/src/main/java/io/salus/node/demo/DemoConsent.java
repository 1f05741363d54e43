package io.salus.node.demo;

import io.salus.core.account.Account;
import io.salus.core.account.AccountKind;
import io.salus.core.consent.AttestationType;
import io.salus.core.consent.GrantTerms;
import io.salus.core.consent.Payloads;
import io.salus.core.consent.Purpose;
import io.salus.core.error.Result;
import io.salus.core.record.Category;
import io.salus.core.usecase.consent.Release;
import io.salus.node.wiring.Node;
import java.io.PrintStream;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Optional;

/**
 * The demo's consent story: an ethics board is trusted, attests a university lab as an academic researcher for health
 * research; a patient grants vital signs and lab results for research; the lab's access is permitted and logged on
 * chain; the patient revokes; the same access is denied.
 */
final class DemoConsent {
    private final Node node;
    private final PrintStream out;

    DemoConsent(Node node, PrintStream out) {
        this.node = node;
        this.out = out;
    }

    void run(Account patient, EnsureAccount ensure) {
        Account board = ensure.apply("issuer", AccountKind.ISSUER, "Demo ethics board (DEMO)");
        Account lab = ensure.apply("researcher", AccountKind.CONSUMER, "Demo university lab (DEMO)");
        node.attestations().trust(node.operator(), board, AttestationType.ACADEMIC_RESEARCHER.mask()).orElseThrow();
        Instant now = Instant.now();
        node.attestations().attest(board, new Payloads.Attest(lab.address(), AttestationType.ACADEMIC_RESEARCHER,
                Purpose.HRESCH.mask(), now.minusSeconds(60), now.plus(365, ChronoUnit.DAYS))).orElseThrow();
        long categories = Category.VITAL_SIGNS.mask() | Category.LAB_RESULTS.mask();
        var grant = node.consents().grantCustodial(patient, new GrantTerms(patient.address(), categories,
                AttestationType.ACADEMIC_RESEARCHER.mask(), Purpose.HRESCH.mask(), now.minusSeconds(60),
                now.plus(365, ChronoUnit.DAYS), 100, Optional.empty())).orElseThrow();
        out.printf("Consent             %s granted vital signs + lab results to academic researchers for HRESCH "
                + "(grant %d, block %d)%n", patient.displayName(), grant.grantId(), grant.tx().blockNumber());
        List<Category> asked = List.of(Category.VITAL_SIGNS, Category.LAB_RESULTS);
        Release release = node.access().request(lab, patient.id(), Purpose.HRESCH, asked).orElseThrow();
        out.printf("Access              %s: PERMITTED, %d records released, logged on chain in tx %s%n",
                lab.displayName(), release.records().size(),
                release.audit().get(0).txHash().orElse("(pending)"));
        var revoked = node.consents().revokeCustodial(patient, grant.grantId()).orElseThrow();
        out.printf("Revocation          grant %d revoked in block %d%n", grant.grantId(), revoked.blockNumber());
        Result<Release> again = node.access().request(lab, patient.id(), Purpose.HRESCH, asked);
        out.printf("Access again        %s: %s%n", lab.displayName(), again.isOk()
                ? "PERMITTED (unexpected!)"
                : "DENIED " + again.failure().code().code() + " " + again.failure().code().title());
        long entries = node.audit().forPatient(patient.id(), 1000).size();
        out.printf("Access log          %d audit entries for this patient (every decision, permits and denials)%n",
                entries);
    }

    @FunctionalInterface
    interface EnsureAccount {
        Account apply(String role, AccountKind kind, String name);
    }
}
