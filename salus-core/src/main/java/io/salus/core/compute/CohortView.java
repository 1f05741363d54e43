package io.salus.core.compute;

import io.salus.core.error.ErrorCode;
import io.salus.core.error.Result;
import java.util.HashSet;
import java.util.List;
import java.util.Map;

/**
 * The part of a cohort a module may read: only the numeric columns the job was granted, in the granted order (the
 * module addresses them by that index), each with one value per row. It holds copies, so nothing the module or the
 * caller does later changes what it reads, and the columns that were not granted are simply not in it.
 */
public final class CohortView {
    private final List<String> names;
    private final double[][] columns;
    private final int rows;

    private CohortView(List<String> names, double[][] columns, int rows) {
        this.names = names;
        this.columns = columns;
        this.rows = rows;
    }

    /**
     * The granted columns of {@code available}, in the order of {@code granted}. {@code SANDBOX_INVALID_VIEW} when a
     * granted name is not available or repeated, or the granted columns differ in length.
     */
    public static Result<CohortView> granted(Map<String, double[]> available, List<String> granted) {
        if (granted.size() != new HashSet<>(granted).size()) {
            return Result.fail(ErrorCode.SANDBOX_INVALID_VIEW, "a column is granted twice");
        }
        double[][] columns = new double[granted.size()][];
        int rows = -1;
        for (int c = 0; c < columns.length; c++) {
            double[] column = available.get(granted.get(c));
            if (column == null) {
                return Result.fail(ErrorCode.SANDBOX_INVALID_VIEW, "no column named " + granted.get(c));
            }
            if (rows >= 0 && column.length != rows) {
                return Result.fail(ErrorCode.SANDBOX_INVALID_VIEW, "the granted columns differ in length");
            }
            rows = column.length;
            columns[c] = column.clone();
        }
        return Result.ok(new CohortView(List.copyOf(granted), columns, Math.max(rows, 0)));
    }

    public int rows() {
        return rows;
    }

    public int columns() {
        return columns.length;
    }

    /** The granted column names; index {@code i} is column {@code i} for the module. */
    public List<String> names() {
        return names;
    }

    /** Whether {@code (row, column)} is inside the view. */
    public boolean holds(long row, long column) {
        return row >= 0 && row < rows && column >= 0 && column < columns.length;
    }

    /** The value at {@code (row, column)}; call {@link #holds} first. */
    public double value(int row, int column) {
        return columns[column][row];
    }
}
