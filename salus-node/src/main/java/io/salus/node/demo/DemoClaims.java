package io.salus.node.demo;

import com.nimbusds.jose.jwk.ECKey;
import io.salus.core.account.Account;
import io.salus.core.account.AccountKind;
import io.salus.core.claims.ClaimReason;
import io.salus.core.claims.CoveragePlan;
import io.salus.core.claims.StoredClaim;
import io.salus.core.consent.AttestationType;
import io.salus.core.consent.GrantTerms;
import io.salus.core.consent.Payloads;
import io.salus.core.consent.Purpose;
import io.salus.core.record.Category;
import io.salus.core.record.RecordSummary;
import io.salus.core.usecase.credential.CredentialIssuance;
import io.salus.core.usecase.credential.Presentations;
import io.salus.crypto.credential.Holder;
import io.salus.fhir.claims.ClaimForm;
import io.salus.node.wiring.ClaimsWiring;
import io.salus.node.wiring.Node;
import java.io.PrintStream;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The demo's insurance-claim story (part of {@code ./salus demo}, docs/care.md): a board trusted for physician
 * licences and insurers licenses a family physician (who presents the licence) and attests an insurer for payment;
 * the patient consents that the insurer sees their vital signs for payment; the insurer funds its payouts and
 * publishes the patient's coverage; the physician submits a FHIR R4 Claim citing one of the patient's records, which
 * is approved, anchored and paid in the payment token; a second claim over the limit is refused with its reason.
 */
public final class DemoClaims {
    private static final Duration PAYOUT_WAIT = Duration.ofSeconds(60);
    private final Node node;
    private final PrintStream out;

    public DemoClaims(Node node, PrintStream out) {
        this.node = node;
        this.out = out;
    }

    /**
     * Runs the story on the patient and returns the lines it printed, for the summary. The accounts are the demo's
     * roles (reused by a second run on the same data directory); each run publishes a new coverage.
     */
    public List<String> run(Account patient, DemoConsent.EnsureAccount ensure) throws InterruptedException {
        List<String> lines = new ArrayList<>();
        Account board = ensure.apply("claims-board", AccountKind.ISSUER, "Demo claims board (DEMO)");
        Account physician = ensure.apply("family-physician", AccountKind.PHYSICIAN, "Demo family physician (DEMO)");
        Account insurer = ensure.apply("insurer", AccountKind.CONSUMER, "Demo health insurer (DEMO)");
        node.attestations().trust(node.operator(), board, AttestationType.PHYSICIAN_LICENCE.mask()
                | AttestationType.INSURER.mask()).orElseThrow();
        license(board, physician);
        Instant now = Instant.now();
        node.attestations().attest(board, new Payloads.Attest(insurer.address(), AttestationType.INSURER,
                Purpose.HPAYMT.mask(), now.minusSeconds(60), now.plus(365, ChronoUnit.DAYS))).orElseThrow();
        node.consents().grantCustodial(patient, new GrantTerms(patient.address(), Category.VITAL_SIGNS.mask(),
                AttestationType.INSURER.mask(), Purpose.HPAYMT.mask(), now.minusSeconds(60), now.plus(365,
                        ChronoUnit.DAYS),
                0, Optional.of(insurer.address()))).orElseThrow();
        ClaimsWiring claims = node.claims();
        node.dealLedger().mint(insurer.address(), 1_000_000_000L);
        claims.coverages().fund(insurer, 500_000_000L).orElseThrow();
        LocalDate today = LocalDate.now(ZoneOffset.UTC);
        CoveragePlan plan = claims.coverages().publish(insurer, patient.id(), today.minusDays(30), today.plusDays(
                335), Map.of("99213", 150_000_000L)).orElseThrow();
        line(lines, "Coverage            %s covers %s until %s: office visit 99213 up to 150 tokens; payouts funded "
                + "with %s tokens", insurer.displayName(), patient.displayName(), plan.end(), "500");
        String evidence = node.records().list(patient, patient.id()).orElseThrow().stream()
                .filter(r -> r.category() == Category.VITAL_SIGNS).map(RecordSummary::id).findFirst().orElseThrow()
                .toString();
        StoredClaim approved = submit(physician, patient, plan, "120.50", evidence);
        line(lines, "Claim               %s: %s, 120.50 tokens asked, %s approved; digest %s",
                physician.displayName(), approved.outcome(), tokens(approved.approvedTotal()),
                approved.digest().hex().substring(0, 18) + "...");
        StoredClaim paid = awaitPaid(physician, approved);
        line(lines, "Claim payout        %s tokens paid to %s on ClaimsPayout (anchored in %s, paid in %s)",
                tokens(paid.approvedTotal()), physician.displayName(), paid.anchorTx().orElse("?"),
                paid.payoutTx().orElse("(pending)"));
        StoredClaim refused = submit(physician, patient, plan, "40", evidence);
        line(lines, "Claim refused       a second visit of 40 tokens: %s (%s)", refused.outcome(),
                refused.reasons().stream().map(ClaimReason::code).collect(Collectors.joining(", ")));
        line(lines, "Claims seen         by the patient: %d, the insurer: %d, the physician: %d",
                claims.queries().mine(patient).size(), claims.queries().mine(insurer).size(),
                claims.queries().mine(physician).size());
        return lines;
    }

    private StoredClaim submit(Account physician, Account patient, CoveragePlan plan, String amount,
            String evidence) {
        String json = new ClaimForm(patient.id().toString(), "Practitioner", physician.id().toString(),
                plan.id().toString(), Optional.of(physician.id().toString()), List.of(new ClaimForm.Item("99213",
                        LocalDate.now(ZoneOffset.UTC), new BigDecimal(amount))),
                List.of(evidence)).json();
        return node.claims().submissions().submit(physician, patient.id(), json.getBytes(StandardCharsets.UTF_8))
                .orElseThrow();
    }

    private StoredClaim awaitPaid(Account who, StoredClaim c) throws InterruptedException {
        long deadline = System.nanoTime() + PAYOUT_WAIT.toNanos();
        StoredClaim now = c;
        while (now.payoutTx().isEmpty() && System.nanoTime() < deadline) {
            Thread.sleep(200);
            now = node.claims().queries().one(who, c.id()).orElseThrow();
        }
        return now;
    }

    private void license(Account board, Account physician) {
        ECKey wallet = Holder.newKey();
        var issued = node.credentialIssuance().issue(board, new CredentialIssuance.Request(physician,
                AttestationType.PHYSICIAN_LICENCE, EnumSet.of(Purpose.TREAT), Instant.now().plus(365,
                        ChronoUnit.DAYS),
                wallet.toPublicJWK().toJSONObject(), Map.of())).orElseThrow();
        Presentations.Nonce nonce = node.presentations().nonce(physician);
        node.presentations().present(physician, Holder.present(issued.sdJwt(), Set.of("purposes"), wallet,
                nonce.audience(), nonce.nonce(), Instant.now())).orElseThrow();
    }

    private void line(List<String> lines, String format, Object... args) {
        String l = String.format(format, args);
        out.println(l);
        lines.add(l);
    }

    private static String tokens(long units) {
        return new BigDecimal(units).movePointLeft(6).stripTrailingZeros().toPlainString();
    }
}
