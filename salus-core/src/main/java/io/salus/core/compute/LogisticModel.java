package io.salus.core.compute;

import java.util.Arrays;
import java.util.List;

/**
 * A logistic regression model: an intercept and one weight per feature; {@link #probability} is the sigmoid of the
 * linear score. {@link #auc} is the area under the ROC curve of the model on labelled rows (ties counted half), the
 * measure by which a federated model is compared with a centrally trained one. Immutable.
 */
public record LogisticModel(double intercept, double[] weights) {
    public LogisticModel {
        weights = weights.clone();
    }

    @Override
    public double[] weights() {
        return weights.clone();
    }

    public static LogisticModel zero(int features) {
        return new LogisticModel(0, new double[features]);
    }

    /** One labelled row: its features and whether the outcome occurred. */
    public record Row(double[] x, boolean y) {
        public Row {
            x = x.clone();
        }

        @Override
        public double[] x() {
            return x.clone();
        }
    }

    public double score(double[] x) {
        double s = intercept;
        for (int i = 0; i < weights.length; i++) {
            s += weights[i] * x[i];
        }
        return s;
    }

    public double probability(double[] x) {
        return 1 / (1 + Math.exp(-score(x)));
    }

    /** The parameters as one vector: intercept first, then the weights. */
    public double[] parameters() {
        double[] p = new double[weights.length + 1];
        p[0] = intercept;
        System.arraycopy(weights, 0, p, 1, weights.length);
        return p;
    }

    public static LogisticModel of(double[] parameters) {
        return new LogisticModel(parameters[0], Arrays.copyOfRange(parameters, 1, parameters.length));
    }

    /** The area under the ROC curve; 0.5 when the rows hold only one class. */
    public double auc(List<Row> rows) {
        double[][] scored = rows.stream().map(r -> new double[]{score(r.x), r.y ? 1 : 0})
                .sorted((a, b) -> Double.compare(a[0], b[0])).toArray(double[][]::new);
        long positives = rows.stream().filter(Row::y).count();
        long negatives = rows.size() - positives;
        if (positives == 0 || negatives == 0) {
            return 0.5;
        }
        double rankSum = 0;
        int i = 0;
        while (i < scored.length) {
            int j = i;
            while (j < scored.length && scored[j][0] == scored[i][0]) {
                j++;
            }
            double midRank = (i + 1 + j) / 2.0;
            for (int k = i; k < j; k++) {
                rankSum += scored[k][1] * midRank;
            }
            i = j;
        }
        return (rankSum - positives * (positives + 1) / 2.0) / ((double) positives * negatives);
    }
}
