package io.salus.core.compute;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/** Synthetic labelled rows from a known logistic model (for training tests). */
public final class Synthetic {
    private Synthetic() {
    }

    public static List<LogisticModel.Row> rows(int n, long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        LogisticModel truth = new LogisticModel(-0.5, new double[]{1.5, -1.0, 0.5});
        List<LogisticModel.Row> out = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            double[] x = {r.nextDouble(-1, 1), r.nextDouble(-1, 1), r.nextDouble(-1, 1)};
            out.add(new LogisticModel.Row(x, r.nextDouble() < truth.probability(x)));
        }
        return out;
    }
}
