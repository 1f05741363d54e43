package io.salus.node.demo;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.salus.core.account.Account;
import io.salus.core.account.AccountKind;
import io.salus.core.compute.DpGradientDescent;
import io.salus.core.compute.LogisticModel;
import io.salus.core.consent.AttestationType;
import io.salus.core.consent.Payloads;
import io.salus.core.consent.Purpose;
import io.salus.core.deal.Split;
import io.salus.core.error.Result;
import io.salus.core.record.Category;
import io.salus.core.study.RoundRecord;
import io.salus.core.study.Study;
import io.salus.core.study.StudyState;
import io.salus.core.usecase.DepositService;
import io.salus.core.usecase.deal.DealPosting;
import io.salus.core.usecase.study.StudyCoordinator;
import io.salus.core.usecase.study.StudyQueries;
import io.salus.crypto.PackageCrypto;
import io.salus.node.http.StudyEndpoints;
import io.salus.node.wiring.Node;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.SplittableRandom;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * The federated study of {@code ./salus demo --nodes N}: each hospital banks {@link #PER_HOSPITAL} study participants
 * (a fasting glucose, LOINC 1558-6, and a systolic blood pressure, 8480-6, whose chance of being high rises with the
 * glucose), a cardiology lab of hospital A matches a deal over them there and starts a study: logistic regression of
 * high blood pressure on glucose, trained across the hospitals with DP-SGD and secure aggregation. The model is
 * released against the deal's settlement and its AUC printed next to a model trained centrally, without privacy, on
 * the pooled rows (which only the demo, generating them, can see).
 */
final class DemoStudy {
    static final int PER_HOSPITAL = 24;
    static final int ROUNDS = 8;
    /**
     * ε per hospital: with 72 participants, at ε 1 the noise (σ ≈ 14 per member and round) outweighs the gradient and
     * the model's sign is a coin flip in about a third of runs; at ε 8 it ranks like the central model nearly always.
     * The alliance demo's budget per organisation and period (DemoAlliance) holds one study and its deal's match.
     */
    static final String EPSILON = "8";
    private final List<Node> nodes;
    private final PrintStream out;

    DemoStudy(List<Node> nodes, PrintStream out) {
        this.nodes = nodes;
        this.out = out;
    }

    /** One participant's values: glucose (mg/dL) and systolic pressure (mmHg), deterministic per hospital and index. */
    static double[] values(int hospital, int i) {
        SplittableRandom r = new SplittableRandom(1_000L * hospital + i);
        double glucose = 70 + Math.floor(r.nextDouble() * 90);
        double p = 1 / (1 + Math.exp(-(glucose - 115) / 10));
        return new double[]{glucose, r.nextDouble() < p ? 150 : 120};
    }

    boolean run(Account board) throws InterruptedException {
        Node a = nodes.get(0);
        Optional<StudyEndpoints.Parts> parts = a.studies();
        if (parts.isEmpty()) {
            out.println("Federated study     not available: hospital A is not in an alliance");
            return false;
        }
        Instant now = Instant.now();
        List<double[]> pooled = new ArrayList<>();
        for (int h = 0; h < nodes.size(); h++) {
            bank(h, now);
            for (int i = 0; i < PER_HOSPITAL; i++) {
                pooled.add(values(h, i));
            }
        }
        // a lab of its own each run: the study spends EPSILON at every hospital and the match 1 more at A, the
        // alliance demo's budget (DemoAlliance.BUDGET per organisation and period) holds one run
        String run = Long.toString(now.getEpochSecond(), 36);
        Account lab = DemoAlliance.ensure(a, "cardiology." + run, AccountKind.CONSUMER, "Demo cardiology lab " + run
                + " (DEMO)");
        a.attestations().attest(board, new Payloads.Attest(lab.address(), AttestationType.ACADEMIC_RESEARCHER,
                Purpose.HRESCH.mask(), now.minusSeconds(60), now.plus(365, ChronoUnit.DAYS))).orElseThrow();
        a.privacyBudget().assign(lab.id(), "Demo cardiology " + run + " (DEMO)");
        // the deal's escrow (2 × PER_HOSPITAL) and the other hospitals' payout parts in StudyPayouts (decision 0037)
        a.dealLedger().mint(lab.address(), (2L + nodes.size() - 1) * PER_HOSPITAL * DemoDeal.PRICE);
        DemoAlliance.awaitHome(a, lab);
        byte[] criteria = "{\"observation\":{\"system\":\"loinc\",\"code\":\"1558-6\",\"value\":{\">=\":0}}}"
                .getBytes(StandardCharsets.UTF_8);
        StudyCoordinator.Request request = new StudyCoordinator.Request(List.of("observation:1558-6"),
                "observation:8480-6", List.of(70.0), List.of(160.0), 140, ROUNDS, EPSILON, 1e-5, 2);
        Result<Study> started = a.dealPosting().post(lab, new DealPosting.Offer(criteria, List.of(
                Category.VITAL_SIGNS, Category.LAB_RESULTS), Purpose.HRESCH, DemoDeal.PRICE, 2 * PER_HOSPITAL,
                now.plus(1, ChronoUnit.HOURS), Optional.of(Split.of(6000, 2000, 500, 500, 1000).orElseThrow())))
                .flatMap(d -> a.dealMatching().match(lab, d.id(), Optional.empty()))
                .flatMap(m -> parts.get().coordinator().start(lab, m.deal().id(), request));
        if (!started.isOk()) {
            out.println("Federated study     not started: " + started.failure().code().code() + " "
                    + started.failure().detail());
            return false;
        }
        StudyQueries queries = parts.get().queries();
        StudyQueries.View view = ended(queries, lab, started.orElseThrow().id());
        Study s = view.study();
        out.printf(Locale.ROOT, "Federated study     %s: logistic regression of systolic >= 140 on fasting glucose, "
                + "%d rounds across %d hospitals, epsilon %s per hospital (delta 1e-5, noise multiplier %.2f): %s%s%n",
                s.id(), ROUNDS, nodes.size(), EPSILON, s.spec().sigma(), s.state(),
                s.reasonCode().map(c -> " " + c + " "
                        + s.reason().orElse("")).orElse(""));
        if (s.state() != StudyState.TRAINED) {
            return false;
        }
        long[] ms = view.rounds().stream().mapToLong(RoundRecord::millis).sorted().toArray();
        out.printf(Locale.ROOT, "  rounds            %d recorded on chain (model hash, %d participants, epsilon spent "
                + "%s after the last); time per round median %d ms, max %d ms%n", view.rounds().size(),
                view.rounds().getLast().participants().size(), view.rounds().getLast().epsilonText(),
                ms[ms.length / 2], ms[ms.length - 1]);
        Result<byte[]> model = queries.settle(lab, s.id()).flatMap(d -> queries.result(lab, s.id()))
                .flatMap(bytes -> a.accounts().exportKeys(lab).flatMap(k -> {
                    try {
                        return PackageCrypto.decrypt(bytes, k.encryptionPrivateKey());
                    } finally {
                        Arrays.fill(k.encryptionPrivateKey(), (byte) 0);
                        Arrays.fill(k.signingPrivateKey(), (byte) 0);
                    }
                }));
        if (!model.isOk()) {
            out.println("  model             not released: " + model.failure().code().code() + " "
                    + model.failure().detail());
            return false;
        }
        try {
            JsonNode doc = new ObjectMapper().readTree(model.orElseThrow());
            print(doc, pooled);
            return true;
        } catch (IOException e) {
            out.println("  model             unreadable: " + e.getMessage());
            return false;
        }
    }

    private void print(JsonNode doc, List<double[]> pooled) {
        double[] theta = new double[doc.path("scaledParameters").size()];
        for (int i = 0; i < theta.length; i++) {
            theta[i] = doc.path("scaledParameters").get(i).asDouble();
        }
        List<LogisticModel.Row> rows = pooled.stream().map(v -> new LogisticModel.Row(new double[]{(Math.min(160,
                Math.max(70, v[0])) - 70) / 90}, v[1] >= 140)).toList();
        double federated = LogisticModel.of(theta).auc(rows);
        double central = new DpGradientDescent(new SplittableRandom(1)).train(LogisticModel.zero(1), rows,
                new DpGradientDescent.Parameters(ROUNDS, 2, 1, 0)).auc(rows);
        out.printf(Locale.ROOT, "  model             intercept %.3f, glucose %.4f per mg/dL; released against the "
                + "deal's settlement%n", doc.path("intercept").asDouble(),
                doc.path("coefficients").path("observation:1558-6").asDouble());
        out.printf(Locale.ROOT, "  AUC               federated %.3f, central on the pooled %d rows without privacy "
                + "%.3f (one feature: any positive coefficient ranks the patients alike; models of several features "
                + "in docs/benchmarks.md)%n", federated, rows.size(), central);
        JsonNode curve = doc.path("curve");
        out.printf(Locale.ROOT, "  training loss     %.3f at round 0, %.3f at round %d (noisy, from the hospitals' "
                + "summed DP releases)%n", curve.get(0).path("loss").asDouble(),
                curve.get(curve.size() - 1)
                        .path("loss").asDouble(),
                curve.size() - 1);
        StringBuilder payouts = new StringBuilder();
        for (JsonNode m : doc.path("payouts").path("members")) {
            String how = m.path("settlement").asText();
            payouts.append(String.format(Locale.ROOT, "%s %d patients (%.0f%%, %d paid %s); ", m.path("organisation")
                    .asText(), m.path("patients").asInt(), 100 * m.path("share").asDouble(),
                    m.path("payees")
                            .asInt(),
                    how.startsWith("paid by the deal")
                            ? "by the deal"
                            : how.startsWith("paid from StudyPayouts") ? "from StudyPayouts" : "none"));
        }
        out.println("  payouts           data-size share: " + payouts.toString().replaceAll("; $", ""));
    }

    private StudyQueries.View ended(StudyQueries queries, Account lab, UUID id) throws InterruptedException {
        StudyQueries.View v = queries.find(lab, id).orElseThrow();
        for (int i = 0; i < 1_200 && v.study().state() == StudyState.RUNNING; i++) {
            Thread.sleep(100);
            v = queries.find(lab, id).orElseThrow();
        }
        return v;
    }

    /** Hospital {@code h}'s study participants: accounts, one record each, consent to research (reused). */
    private void bank(int h, Instant now) throws InterruptedException {
        Node n = nodes.get(h);
        Account hospital = DemoAlliance.ensure(n, "hospital", AccountKind.HOSPITAL, "Hospital " + (char) ('A' + h)
                + " (DEMO)");
        List<Account> participants = new ArrayList<>();
        for (int i = 0; i < PER_HOSPITAL; i++) {
            participants.add(DemoAlliance.ensure(n, "study." + (i + 1), AccountKind.PATIENT,
                    "Demo study participant " + (i + 1) + " (DEMO)"));
        }
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<?>> done = new ArrayList<>();
            for (int i = 0; i < PER_HOSPITAL; i++) {
                int k = i;
                Account p = participants.get(i);
                done.add(pool.submit(() -> {
                    n.accounts().linkProvider(n.operator(), p.id(), hospital.id()).orElseThrow();
                    n.deposits().deposit(new DepositService.Command(hospital, p.id(), bundle(h, k), Optional.of(
                            "demo-study-" + h + "-" + k), "demo")).orElseThrow();
                    DemoAlliance.consent(n, p, now);
                    return null;
                }));
            }
            for (Future<?> f : done) {
                f.get();
            }
        } catch (ExecutionException e) {
            throw new IllegalStateException("a study participant could not be set up: " + e.getCause(), e);
        } finally {
            pool.shutdownNow();
        }
    }

    static byte[] bundle(int h, int i) {
        String pid = "demo-study-" + h + "-" + i;
        double[] v = values(h, i);
        String json = "{\"resourceType\":\"Bundle\",\"type\":\"collection\",\"entry\":["
                + DemoCohort.entry(pid, "{\"resourceType\":\"Patient\",\"id\":\"" + pid + "\",\"gender\":\""
                        + (i % 2 == 0 ? "female" : "male") + "\",\"birthDate\":\"" + (1950 + i % 40) + "-03-15\"}")
                + "," + DemoCohort.observation(pid, pid + "-glc", "laboratory", "1558-6", "Fasting glucose",
                        (int) v[0], "mg/dL")
                + "," + DemoCohort.observation(pid, pid + "-sbp", "vital-signs", "8480-6", "Systolic blood pressure",
                        (int) v[1], "mm[Hg]")
                + "]}";
        return json.getBytes(StandardCharsets.UTF_8);
    }
}
