package io.salus.core.compute;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class LogisticTrainingTest {
    static final LogisticModel.Row POS = new LogisticModel.Row(new double[]{1}, true);
    static final LogisticModel.Row NEG = new LogisticModel.Row(new double[]{-1}, false);

    @Test
    void theAuc_isOneForAPerfectRanking_zeroForAReversedOne_andHalfForTies() {
        LogisticModel up = new LogisticModel(0, new double[]{1});
        LogisticModel down = new LogisticModel(0, new double[]{-1});
        LogisticModel flat = new LogisticModel(0, new double[]{0});

        assertThat(up.auc(List.of(POS, NEG, POS))).isEqualTo(1.0);
        assertThat(down.auc(List.of(POS, NEG))).isEqualTo(0.0);
        assertThat(flat.auc(List.of(POS, NEG, NEG))).isEqualTo(0.5);
        assertThat(up.auc(List.of(POS, POS))).isEqualTo(0.5);
    }

    @Test
    void gradientDescent_withoutNoise_learnsTheModelThatMadeTheData() {
        List<LogisticModel.Row> train = Synthetic.rows(4_000, 1);
        DpGradientDescent gd = new DpGradientDescent(new SplittableRandom(2));

        LogisticModel m = gd.train(LogisticModel.zero(3), train, new DpGradientDescent.Parameters(300, 2, 10, 0));

        assertThat(m.weights()[0]).isCloseTo(1.5, within(0.3));
        assertThat(m.weights()[1]).isCloseTo(-1.0, within(0.3));
        assertThat(m.auc(Synthetic.rows(2_000, 3))).isGreaterThan(0.7);
    }

    @Test
    void privateTraining_staysCloseToTheNonPrivateModelOnHeldOutRows() {
        List<LogisticModel.Row> train = Synthetic.rows(5_000, 4);
        List<LogisticModel.Row> test = Synthetic.rows(2_000, 5);
        DpGradientDescent gd = new DpGradientDescent(new SplittableRandom(6));

        double plain = gd.train(LogisticModel.zero(3), train, new DpGradientDescent.Parameters(100, 2, 1, 0)).auc(test);
        double dp = gd.train(LogisticModel.zero(3), train, new DpGradientDescent.Parameters(100, 2, 1, 1)).auc(test);

        assertThat(dp).isCloseTo(plain, within(0.02));
    }

    @Test
    void oneRowMovesTheReleasedSum_byAtMostTheClip() {
        List<LogisticModel.Row> rows = Synthetic.rows(50, 7);
        LogisticModel.Row outlier = new LogisticModel.Row(new double[]{1e6, -1e6, 1e6}, true);
        List<LogisticModel.Row> with = new java.util.ArrayList<>(rows);
        with.add(outlier);
        DpGradientDescent gd = new DpGradientDescent(new SplittableRandom(8));
        DpGradientDescent.Parameters p = new DpGradientDescent.Parameters(1, 1, 0.5, 0);
        LogisticModel m = new LogisticModel(0.1, new double[]{0.2, 0.3, -0.1});

        double[] a = gd.noisyGradientSum(m, rows, p);
        double[] b = gd.noisyGradientSum(m, with, p);

        double d = 0;
        for (int i = 0; i < a.length; i++) {
            d += (a[i] - b[i]) * (a[i] - b[i]);
        }
        assertThat(Math.sqrt(d)).isLessThanOrEqualTo(0.5 + 1e-9);
    }

    @Test
    void theAccountant_matchesTheRdpBoundOfOneGaussianStep_andGrowsWithSteps() {
        assertThat(GaussianAccountant.epsilon(1, 1, 1e-5)).isCloseTo(5.30, within(0.02));
        assertThat(GaussianAccountant.epsilon(100, 5, 1e-5)).isGreaterThan(GaussianAccountant.epsilon(10, 5, 1e-5));
        assertThat(GaussianAccountant.epsilon(100, 10, 1e-5)).isLessThan(GaussianAccountant.epsilon(100, 5, 1e-5));
    }
}
