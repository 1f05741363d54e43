package io.salus.bench.compute;

import io.salus.core.account.EvmAddress;
import io.salus.core.compute.DpGradientDescent;
import io.salus.core.compute.LogisticModel;
import io.salus.core.consent.Purpose;
import io.salus.core.error.Result;
import io.salus.core.federation.Member;
import io.salus.core.federation.MemberDirectory;
import io.salus.core.merkle.Hash32;
import io.salus.core.record.Category;
import io.salus.core.study.LocalUpdate;
import io.salus.core.study.StudySpec;
import io.salus.core.study.StudyTerms;
import io.salus.core.usecase.study.InProcessMembers;
import io.salus.core.usecase.study.StudyMember;
import io.salus.core.usecase.study.StudyRound;
import io.salus.crypto.aggregation.X25519SecureAggregator;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.SplittableRandom;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * Federated logistic regression as the nodes run it (the member side {@link StudyMember} with DP-SGD and the
 * coordinator's {@link StudyRound} with X25519 secure aggregation and sealed Shamir shares, in one process), on three
 * synthetic hospitals of different sizes and case mixes, against, in the same run: the model trained centrally on the
 * pooled rows without privacy, the same private training on the pooled rows at one node, and each hospital training
 * alone with the same ε. AUC on a common held-out set; time per round (the members' work and the secure aggregation,
 * not the network). Run: {@code java -cp salus-bench/target/salus-bench-0.1.0-SNAPSHOT.jar:$(cat
 * salus-bench/target/classpath.txt) io.salus.bench.compute.FederatedStudyBench [rounds] [epsilon] [repeats]}.
 */
public final class FederatedStudyBench {
    static final int[] SIZES = {1_000, 150, 500};
    static final double[] SHIFTS = {-0.6, 0, 0.6};
    static final LogisticModel TRUTH = new LogisticModel(0.3, new double[]{-1.2, 0.8, 2.0});

    private FederatedStudyBench() {
    }

    /** Rows with three features in [0, 1] (already scaled, as members scale theirs) and an outcome from TRUTH. */
    static List<LogisticModel.Row> rows(int n, long seed, double shift) {
        SplittableRandom r = new SplittableRandom(seed);
        List<LogisticModel.Row> out = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            double[] z = {r.nextDouble(-1, 1) + shift, r.nextDouble(-1, 1), r.nextDouble(-1, 1) - shift};
            double[] x = {(z[0] + 1.5) / 3, (z[1] + 1.5) / 3, (z[2] + 1.5) / 3};
            out.add(new LogisticModel.Row(x, r.nextDouble() < TRUTH.probability(z)));
        }
        return out;
    }

    public static void main(String[] args) throws Exception {
        int rounds = args.length > 0 ? Integer.parseInt(args[0]) : 40;
        String epsilon = args.length > 1 ? args[1] : "4";
        int repeats = args.length > 2 ? Integer.parseInt(args[2]) : 5;
        StudySpec spec = StudySpec.of(List.of("age", "age", "age"), "age", List.of(0.0, 0.0, 0.0),
                List.of(1.0, 1.0, 1.0), 1, rounds, epsilon, 1e-6, 4, List.of(Category.DEMOGRAPHICS)).orElseThrow();
        List<LogisticModel.Row> test = rows(10_000, 99, 0);
        double[][] auc = new double[6][repeats];
        List<Long> roundMicros = new ArrayList<>();
        ExecutorService executor = Executors.newVirtualThreadPerTaskExecutor();
        try {
            for (int rep = 0; rep < repeats; rep++) {
                List<List<LogisticModel.Row>> members = new ArrayList<>();
                for (int m = 0; m < SIZES.length; m++) {
                    members.add(rows(SIZES[m], 1_000L * rep + m, SHIFTS[m]));
                }
                List<LogisticModel.Row> pooled = members.stream().flatMap(List::stream).toList();
                auc[0][rep] = federated(spec, members, executor, rep, roundMicros).auc(test);
                auc[1][rep] = new DpGradientDescent(new SplittableRandom(rep)).train(LogisticModel.zero(3), pooled,
                        new DpGradientDescent.Parameters(rounds, spec.learningRate(), 1, 0)).auc(test);
                auc[2][rep] = alone(spec, pooled, new SplittableRandom(rep)).auc(test);
                for (int m = 0; m < SIZES.length; m++) {
                    auc[3 + m][rep] = alone(spec, members.get(m), new SplittableRandom(rep * 7L + m)).auc(test);
                }
            }
        } finally {
            executor.shutdownNow();
        }
        String[] names = new String[3 + SIZES.length];
        names[0] = "federated, " + SIZES.length + " hospitals, secure aggregation";
        names[1] = "central on pooled rows, no privacy";
        names[2] = "central on pooled rows, same DP";
        for (int m = 0; m < SIZES.length; m++) {
            names[3 + m] = String.format(Locale.ROOT, "hospital %d alone (%,d rows, shift %+.1f), same DP", m + 1,
                    SIZES[m], SHIFTS[m]);
        }
        System.out.printf(Locale.ROOT, "rounds %d, epsilon %s per member, delta 1e-6, noise multiplier %.3f, "
                + "learning rate %.1f, %d repeats, held-out 10,000 rows%n", rounds, epsilon, spec.sigma(),
                spec.learningRate(), repeats);
        for (int i = 0; i < names.length; i++) {
            double mean = Arrays.stream(auc[i]).average().orElseThrow();
            double sd = Math.sqrt(Arrays.stream(auc[i]).map(a -> (a - mean) * (a - mean)).sum()
                    / Math.max(1, repeats - 1));
            System.out.printf(Locale.ROOT, "| %s | %.4f ± %.4f |%n", names[i], mean, sd);
        }
        long[] us = roundMicros.stream().mapToLong(Long::longValue).sorted().toArray();
        System.out.printf(Locale.ROOT, "time per round (3 members, in process): median %.2f ms, p90 %.2f ms, max "
                + "%.2f ms over %d rounds%n", us[us.length / 2] / 1e3, us[us.length * 9 / 10] / 1e3,
                us[us.length - 1] / 1e3, us.length);
    }

    /** The federated model: {@code spec.rounds()} rounds of the nodes' protocol over three in-process members. */
    static LogisticModel federated(StudySpec spec, List<List<LogisticModel.Row>> rows, ExecutorService executor,
            int rep, List<Long> roundMicros) {
        X25519SecureAggregator aggregator = new X25519SecureAggregator(new SecureRandom(), 24);
        Map<Integer, Member> members = new TreeMap<>();
        for (int id = 1; id <= rows.size(); id++) {
            members.put(id, new Member(address(id), "Hospital " + id, "http://in-process", new byte[32], true));
        }
        MemberDirectory directory = InProcessMembers.directory(members, address(1));
        Map<Integer, StudyMember> sides = new TreeMap<>();
        for (int id = 1; id <= rows.size(); id++) {
            List<LogisticModel.Row> own = rows.get(id - 1);
            sides.put(id, new StudyMember((from, t, round) -> Result.ok(own), aggregator, directory, address(id),
                    new SplittableRandom(rep * 31L + id), Clock.systemUTC(), Duration.ofMinutes(5)));
        }
        StudyRound round = new StudyRound(new InProcessMembers(members, sides, members.get(1)), aggregator, executor,
                Duration.ofMinutes(1));
        StudyTerms terms = new StudyTerms(UUID.randomUUID(), Hash32.fromHex("0x" + "00".repeat(32)), address(9),
                "Bench", "{}".getBytes(StandardCharsets.UTF_8), List.of(Category.DEMOGRAPHICS), Purpose.HRESCH, spec);
        LogisticModel model = LogisticModel.zero(3);
        for (int r = 0; r < spec.rounds(); r++) {
            long t0 = System.nanoTime();
            model = round.run(terms, r, model, r == spec.rounds() - 1).orElseThrow().model();
            roundMicros.add((System.nanoTime() - t0) / 1_000);
        }
        return model;
    }

    /** One node's private training with the members' mechanism: its own noisy (gradient sum, count) each round. */
    static LogisticModel alone(StudySpec spec, List<LogisticModel.Row> rows, SplittableRandom random) {
        LogisticModel model = LogisticModel.zero(3);
        for (int r = 0; r < spec.rounds(); r++) {
            model = LocalUpdate.step(model, LocalUpdate.release(model, rows, spec.sigma(), random),
                    spec.learningRate());
        }
        return model;
    }

    private static EvmAddress address(int i) {
        return new EvmAddress(String.format(Locale.ROOT, "0x%040x", i));
    }
}
