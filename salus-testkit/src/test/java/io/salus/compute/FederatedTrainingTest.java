package io.salus.compute;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.salus.core.compute.DpGradientDescent;
import io.salus.core.compute.LogisticModel;
import io.salus.crypto.aggregation.FixedPoint;
import io.salus.crypto.aggregation.SecureAggregation;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/**
 * Federated logistic regression in one process: three members hold disjoint rows, each round every member releases its
 * (DP) gradient sum masked for secure aggregation, and the aggregator sees only the sum. Compared with training on the
 * pooled rows. (The members are not yet separate nodes: that needs the federation issue.)
 */
class FederatedTrainingTest {
    static final FixedPoint FP = new FixedPoint(24);
    final SecureRandom random = new SecureRandom();

    static List<LogisticModel.Row> rows(int n, long seed, double shift) {
        SplittableRandom r = new SplittableRandom(seed);
        LogisticModel truth = new LogisticModel(0.3, new double[]{-1.2, 0.8, 2.0});
        List<LogisticModel.Row> out = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            double[] x = {r.nextDouble(-1, 1) + shift, r.nextDouble(-1, 1), r.nextDouble(-1, 1) - shift};
            out.add(new LogisticModel.Row(x, r.nextDouble() < truth.probability(x)));
        }
        return out;
    }

    LogisticModel federated(List<List<LogisticModel.Row>> members, DpGradientDescent.Parameters p, int rounds) {
        DpGradientDescent gd = new DpGradientDescent(new SplittableRandom(11));
        int total = members.stream().mapToInt(List::size).sum();
        double[] theta = LogisticModel.zero(3).parameters();
        for (int round = 0; round < rounds; round++) {
            byte[] id = ("study-7/round-" + round).getBytes(StandardCharsets.UTF_8);
            Map<Integer, SecureAggregation.MemberKey> keys = new TreeMap<>();
            Map<Integer, byte[]> roster = new TreeMap<>();
            for (int m = 1; m <= members.size(); m++) {
                keys.put(m, SecureAggregation.newKey(m, random));
                roster.put(m, keys.get(m).publicKey());
            }
            Map<Integer, long[]> masked = new TreeMap<>();
            LogisticModel current = LogisticModel.of(theta);
            for (int m = 1; m <= members.size(); m++) {
                double[] sum = gd.noisyGradientSum(current, members.get(m - 1), p);
                masked.put(m, SecureAggregation.mask(id, keys.get(m), roster, FP.encode(sum)));
            }
            double[] sum = FP.decode(SecureAggregation.sum(id, roster, masked, Map.of(), 2).orElseThrow());
            for (int i = 0; i < theta.length; i++) {
                theta[i] -= p.learningRate() * sum[i] / total;
            }
        }
        return LogisticModel.of(theta);
    }

    @Test
    void federatedTrainingOverMaskedSums_matchesTrainingOnThePooledRows() {
        List<List<LogisticModel.Row>> members = List.of(rows(1_500, 1, -0.3), rows(1_000, 2, 0), rows(2_000, 3, 0.3));
        List<LogisticModel.Row> pooled = members.stream().flatMap(List::stream).toList();
        DpGradientDescent.Parameters p = new DpGradientDescent.Parameters(60, 2, 1, 0);

        LogisticModel fed = federated(members, p, 60);
        LogisticModel central = new DpGradientDescent(new SplittableRandom(12)).train(LogisticModel.zero(3), pooled,
                p);

        double[] a = fed.parameters();
        double[] b = central.parameters();
        for (int i = 0; i < a.length; i++) {
            assertThat(a[i]).as("parameter %d", i).isCloseTo(b[i], within(1e-4));
        }
    }

    @Test
    void aPrivateFederatedModel_isWithinOneHundredthOfTheCentralAuc_andBeatsTheSmallestMemberAlone() {
        List<List<LogisticModel.Row>> members = List.of(rows(3_000, 4, -0.3), rows(300, 5, 0), rows(3_000, 6, 0.3));
        List<LogisticModel.Row> pooled = members.stream().flatMap(List::stream).toList();
        List<LogisticModel.Row> test = rows(3_000, 7, 0);
        DpGradientDescent.Parameters dp = new DpGradientDescent.Parameters(80, 2, 1, 1);

        double fed = federated(members, dp, 80).auc(test);
        double central = new DpGradientDescent(new SplittableRandom(13)).train(LogisticModel.zero(3), pooled,
                new DpGradientDescent.Parameters(80, 2, 1, 0)).auc(test);
        double smallAlone = new DpGradientDescent(new SplittableRandom(14)).train(LogisticModel.zero(3),
                members.get(1), dp).auc(test);

        assertThat(fed).isCloseTo(central, within(0.01));
        assertThat(fed).isGreaterThanOrEqualTo(smallAlone);
    }
}
