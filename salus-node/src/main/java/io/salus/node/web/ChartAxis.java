package io.salus.node.web;

/** The value axis of the portal's server-rendered charts. Stateless. */
public final class ChartAxis {
    private ChartAxis() {
    }

    /** A round top for the axis: the next of 1, 2, 5 × 10^k above the maximum (with a tenth of headroom). */
    public static double top(double max) {
        double m = Math.max(max, 1e-9) * 1.1;
        double p = Math.pow(10, Math.floor(Math.log10(m)));
        for (double f : new double[]{1, 2, 5, 10}) {
            if (f * p >= m) {
                return f * p;
            }
        }
        return 10 * p;
    }
}
