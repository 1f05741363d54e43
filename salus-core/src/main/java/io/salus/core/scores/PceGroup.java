package io.salus.core.scores;

/**
 * The four race-sex equations of the Pooled Cohort Equations with their coefficients, baseline 10-year survival and
 * mean individual sum, as published in Goff et al. 2013, Table A (terms a group does not use are 0).
 */
enum PceGroup {
    // lnAge, lnAge², lnTC, lnAge·lnTC, lnHDL, lnAge·lnHDL, lnTreatedSBP, lnAge·lnTreatedSBP, lnUntreatedSBP,
    // lnAge·lnUntreatedSBP, smoker, lnAge·smoker, diabetes, baseline survival, mean sum
    WHITE_FEMALE(-29.799, 4.884, 13.540, -3.114, -13.578, 3.149, 2.019, 0, 1.957, 0, 7.574, -1.665, 0.661, 0.9665,
            -29.18),
    AFRICAN_AMERICAN_FEMALE(17.114, 0, 0.940, 0, -18.920, 4.475, 29.291, -6.432, 27.820, -6.087, 0.691, 0, 0.874,
            0.9533, 86.61),
    WHITE_MALE(12.344, 0, 11.853, -2.664, -7.990, 1.769, 1.797, 0, 1.764, 0, 7.837, -1.795, 0.658, 0.9144, 61.18),
    AFRICAN_AMERICAN_MALE(2.469, 0, 0.302, 0, -0.307, 0, 1.916, 0, 1.809, 0, 0.549, 0, 0.645, 0.8954, 19.54);

    private final double[] c;

    PceGroup(double... coefficients) {
        this.c = coefficients;
    }

    static PceGroup of(Sex sex, Race race) {
        boolean aa = race == Race.AFRICAN_AMERICAN;
        return sex == Sex.FEMALE
                ? (aa ? AFRICAN_AMERICAN_FEMALE : WHITE_FEMALE)
                : (aa ? AFRICAN_AMERICAN_MALE : WHITE_MALE);
    }

    /** The individual sum: Σ coefficient × value over the group's terms. */
    double individualSum(int age, double tc, double hdl, double sbp, boolean treated, boolean smoker,
            boolean diabetes) {
        double la = Math.log(age);
        double lt = Math.log(tc);
        double lh = Math.log(hdl);
        double ls = Math.log(sbp);
        double s = c[0] * la + c[1] * la * la + c[2] * lt + c[3] * la * lt + c[4] * lh + c[5] * la * lh;
        s += treated ? c[6] * ls + c[7] * la * ls : c[8] * ls + c[9] * la * ls;
        s += smoker ? c[10] + c[11] * la : 0;
        s += diabetes ? c[12] : 0;
        return s;
    }

    /** The 10-year risk (0..1) for an individual sum: 1 - S10^exp(sum - mean). */
    double risk(double individualSum) {
        return 1 - Math.pow(c[13], Math.exp(individualSum - c[14]));
    }
}
