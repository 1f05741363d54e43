package io.salus.node.demo;

import io.salus.core.account.Account;
import io.salus.core.account.AccountKind;
import io.salus.core.consent.AttestationType;
import io.salus.core.consent.Payloads;
import io.salus.core.consent.Purpose;
import io.salus.core.deal.Deal;
import io.salus.core.deal.Split;
import io.salus.core.error.Result;
import io.salus.core.job.Job;
import io.salus.core.job.JobSpec;
import io.salus.core.job.JobState;
import io.salus.core.record.Category;
import io.salus.core.usecase.deal.DealPosting;
import io.salus.crypto.PackageCrypto;
import io.salus.node.wiring.Node;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The demo's compute job, told as a pharmacovigilance team sees it: it never receives a row. It posts and matches a
 * deal over the research volunteers (a noisy size), submits the built-in mean of their glucose values, the node runs
 * it next to the data and releases only a differentially private mean (its ε charged), stages it as the deal's
 * package, settles the deal (each volunteer used is paid) and only then hands the team the result, which it decrypts.
 */
final class DemoJob {
    private final Node node;
    private final PrintStream out;

    DemoJob(Node node, PrintStream out) {
        this.node = node;
        this.out = out;
    }

    void run(DemoConsent.EnsureAccount ensure) throws InterruptedException {
        Account board = ensure.apply("issuer", AccountKind.ISSUER, "Demo ethics board (DEMO)");
        Account team = ensure.apply("pharmacovigilance", AccountKind.CONSUMER, "Demo pharmacovigilance team (DEMO)");
        Instant now = Instant.now();
        node.attestations().attest(board, new Payloads.Attest(team.address(), AttestationType.ACADEMIC_RESEARCHER,
                Purpose.HRESCH.mask(), now.minusSeconds(60), now.plus(365, ChronoUnit.DAYS))).orElseThrow();
        node.privacyBudget().assign(team.id(), "Demo pharmacovigilance (DEMO)");
        node.dealLedger().mint(team.address(), DemoDeal.MAX_PATIENTS * DemoDeal.PRICE);
        var posted = node.dealPosting().post(team, new DealPosting.Offer("{\"age\":{\"min\":18}}".getBytes(
                StandardCharsets.UTF_8), List.of(Category.VITAL_SIGNS, Category.LAB_RESULTS), Purpose.HRESCH,
                DemoDeal.PRICE, DemoDeal.MAX_PATIENTS, now.plus(1, ChronoUnit.HOURS), Optional.of(Split.of(6000,
                        2000, 500, 500, 1000).orElseThrow())));
        Result<Job> submitted = posted.flatMap(d -> node.dealMatching().match(team, d.id(), Optional.empty()))
                .flatMap(m -> node.jobSubmission().submit(team, m.deal().id(), new JobSpec(JobSpec.MEAN, List.of(
                        "observation:2339-0"), Map.of("low", "50", "high", "150", "step", "1"), "1.0",
                        Optional.empty())));
        if (!submitted.isOk()) {
            out.println("Compute job         not submitted: " + submitted.failure().code().code() + " "
                    + submitted.failure().detail());
            return;
        }
        Job job = ended(team, submitted.orElseThrow());
        out.printf("Compute job         %s: mean of glucose (LOINC 2339-0) over the deal's consenting volunteers, "
                + "algorithm hash %s, state %s%s%n", job.id(), job.algorithmHash().hex().substring(0, 18) + "…",
                job.state(), job.reasonCode().map(c -> " " + c + " " + job.reason().orElse("")).orElse(""));
        if (job.state() != JobState.RELEASED) {
            return;
        }
        Result<Deal> settled = node.jobQueries().settle(team, job.id());
        Result<byte[]> result = settled.flatMap(d -> node.jobQueries().result(team, job.id()))
                .flatMap(bytes -> node.accounts().exportKeys(team).flatMap(k -> {
                    try {
                        return PackageCrypto.decrypt(bytes, k.encryptionPrivateKey());
                    } finally {
                        Arrays.fill(k.encryptionPrivateKey(), (byte) 0);
                        Arrays.fill(k.signingPrivateKey(), (byte) 0);
                    }
                }));
        out.printf("Job result          %s%n", result.isOk()
                ? new String(result.orElseThrow(), StandardCharsets.UTF_8) + " (released against settlement: "
                        + settled.orElseThrow().delivered() + " volunteers paid; output hash "
                        + job.outputHash().orElseThrow().hex().substring(0, 18) + "… on chain)"
                : "not released: " + result.failure().code().code() + " " + result.failure().detail());
    }

    /** The job once the node's worker has ended it (at most 30 s). */
    private Job ended(Account team, Job submitted) throws InterruptedException {
        Job job = submitted;
        for (int i = 0; i < 300 && !job.state().terminal(); i++) {
            Thread.sleep(100);
            job = node.jobQueries().find(team, job.id()).orElseThrow().job();
        }
        return job;
    }
}
