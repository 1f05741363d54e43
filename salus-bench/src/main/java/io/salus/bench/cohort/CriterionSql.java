package io.salus.bench.cohort;

import io.salus.core.cohort.Criterion;
import io.salus.core.cohort.DateWindow;
import io.salus.core.cohort.Threshold;
import java.time.LocalDate;
import java.time.Period;
import java.util.ArrayList;
import java.util.List;

/**
 * Translates a {@link Criterion} into SQL over the normalised tables of {@link SqlCohortBaseline}, as an OMOP / i2b2
 * query builder would: each feature test is a {@code SELECT patient} from the feature table (code, value, unit and
 * date conditions on the same row), {@code all} is {@code INTERSECT} (its {@code not} parts {@code EXCEPT}), {@code any}
 * is {@code UNION}, a bare {@code not} is every patient {@code EXCEPT} the part, age is a birth-date range computed
 * for the evaluation date, sex an equality. Parameters are collected in text order. Not thread-safe (one per query).
 */
public final class CriterionSql {
    static final String PATIENTS = "SELECT patient FROM bench.cohort_patient";
    private final StringBuilder sql = new StringBuilder();
    private final List<Object> params = new ArrayList<>();
    private final LocalDate at;

    private CriterionSql(LocalDate at) {
        this.at = at;
    }

    /** The query text and its parameters, in order. */
    public record Query(String sql, List<Object> params) {
        public Query {
            params = List.copyOf(params);
        }
    }

    /** {@code SELECT count(*)} of the patients matching {@code c}, ages taken at {@code at}. */
    public static Query count(Criterion c, LocalDate at) {
        CriterionSql b = new CriterionSql(at);
        b.sql.append(distinct(c) ? "SELECT count(*) FROM (" : "SELECT count(DISTINCT patient) FROM (");
        b.set(c);
        b.sql.append(") AS cohort");
        return new Query(b.sql.toString(), b.params);
    }

    /** Whether the SQL of {@code c} yields each patient once (a set operation or the patient table). */
    static boolean distinct(Criterion c) {
        return switch (c) {
            case Criterion.And and -> and.parts().size() != 1 || and.parts().get(0) instanceof Criterion.Not
                    || distinct(and.parts().get(0));
            case Criterion.Or or -> or.parts().size() != 1 || distinct(or.parts().get(0));
            case Criterion.HasFeature f -> false;
            default -> true;
        };
    }

    private void set(Criterion c) {
        switch (c) {
            case Criterion.And and -> and(and.parts());
            case Criterion.Or or -> {
                if (or.parts().isEmpty()) {
                    sql.append(PATIENTS).append(" WHERE false");
                }
                join(or.parts(), " UNION ");
            }
            case Criterion.Not not -> {
                sql.append('(').append(PATIENTS).append(") EXCEPT (");
                set(not.part());
                sql.append(')');
            }
            case Criterion.HasFeature f -> feature(f);
            case Criterion.AgeRange age -> {
                sql.append(PATIENTS).append(" WHERE birth_date BETWEEN ? AND ?");
                params.add(earliestBirth(age.max()));
                params.add(latestBirth(age.min()));
            }
            case Criterion.Sex sex -> {
                sql.append(PATIENTS).append(" WHERE sex = ?");
                params.add(sex.code());
            }
        }
    }

    private void and(List<Criterion> parts) {
        List<Criterion> positive = parts.stream().filter(p -> !(p instanceof Criterion.Not)).toList();
        List<Criterion> negative = parts.stream().filter(p -> p instanceof Criterion.Not)
                .map(p -> ((Criterion.Not) p).part()).toList();
        sql.append("(".repeat(negative.size() + 1));
        if (positive.isEmpty()) {
            sql.append(PATIENTS);
        } else {
            join(positive, " INTERSECT ");
        }
        sql.append(')');
        for (Criterion n : negative) {
            sql.append(" EXCEPT (");
            set(n);
            sql.append("))");
        }
    }

    private void join(List<Criterion> parts, String op) {
        for (int i = 0; i < parts.size(); i++) {
            sql.append(i == 0 ? "(" : op + "(");
            set(parts.get(i));
            sql.append(')');
        }
    }

    private void feature(Criterion.HasFeature f) {
        sql.append("SELECT patient FROM bench.cohort_feature WHERE code = ? AND system = ? AND kind = ?");
        params.add(f.code());
        params.add(f.system());
        params.add((short) f.kind().ordinal());
        if (f.value().isPresent()) {
            Threshold t = f.value().get();
            sql.append(" AND value ").append(t.op().symbol()).append(" ?");
            params.add(t.value());
            if (t.unit().isPresent()) {
                sql.append(" AND unit = ?");
                params.add(t.unit().get());
            }
        }
        if (f.window().isPresent()) {
            DateWindow w = f.window().get();
            sql.append(" AND date IS NOT NULL");
            w.from().ifPresent(d -> {
                sql.append(" AND date >= ?");
                params.add(d);
            });
            w.to().ifPresent(d -> {
                sql.append(" AND date <= ?");
                params.add(d);
            });
        }
    }

    /** The latest birth date whose age at {@link #at} is at least {@code min} (ages as {@link Period#between}). */
    LocalDate latestBirth(int min) {
        LocalDate b = at.minusYears(min);
        while (!b.plusDays(1).isAfter(at) && years(b.plusDays(1)) >= min) {
            b = b.plusDays(1);
        }
        while (years(b) < min) {
            b = b.minusDays(1);
        }
        return b;
    }

    /** The earliest birth date whose age at {@link #at} is at most {@code max}. */
    LocalDate earliestBirth(int max) {
        LocalDate b = at.minusYears(max + 1L);
        while (years(b) > max) {
            b = b.plusDays(1);
        }
        while (years(b.minusDays(1)) <= max) {
            b = b.minusDays(1);
        }
        return b;
    }

    private int years(LocalDate birth) {
        return birth.isAfter(at) ? -1 : Period.between(birth, at).getYears();
    }
}
