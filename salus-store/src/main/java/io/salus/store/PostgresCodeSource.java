package io.salus.store;

import io.salus.core.cohort.CodeEntry;
import io.salus.core.cohort.FeatureKind;
import io.salus.core.port.CodeSource;
import java.sql.Array;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.jdbi.v3.core.Jdbi;

/**
 * The codes of the feature store ({@code cohort_feature}), grouped by kind, system and code, kept only when at least
 * the given number of distinct patients hold them; the count itself never leaves the query. Thread-safe.
 */
public final class PostgresCodeSource implements CodeSource {
    private final Jdbi jdbi;

    public PostgresCodeSource(Jdbi jdbi) {
        this.jdbi = jdbi;
    }

    @Override
    public List<CodeEntry> load(long minPatients) {
        return jdbi.withHandle(h -> h.createQuery("""
                SELECT kind, system, code,
                       array_remove(array_agg(DISTINCT unit ORDER BY unit), NULL) AS units
                  FROM cohort_feature
                 GROUP BY kind, system, code
                HAVING count(DISTINCT patient) >= :min
                 ORDER BY kind, system, code""")
                .bind("min", minPatients)
                .map((rs, ctx) -> new CodeEntry(FeatureKind.valueOf(rs.getString("kind")),
                        rs.getString("system"), rs.getString("code"), strings(rs.getArray("units"))))
                .list());
    }

    private static List<String> strings(Array array) throws SQLException {
        if (array == null) {
            return List.of();
        }
        Object[] values = (Object[]) array.getArray();
        List<String> out = new ArrayList<>(values.length);
        Arrays.stream(values).map(String::valueOf).forEach(out::add);
        return out;
    }
}
