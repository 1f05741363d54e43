package io.salus.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import io.salus.store.Database;
import io.salus.testkit.postgres.TestDatabase;
import io.salus.testkit.postgres.WithPostgres;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/** The PostgreSQL extension: a class's database is a migrated copy of its own, shared with its nested classes. */
@WithPostgres
class PostgresExtensionIT {
    private final TestDatabase db;

    PostgresExtensionIT(TestDatabase db) {
        this.db = db;
    }

    @Test
    void theClassesDatabase_isMigrated_empty_andNamedAfterTheClass(Database database) throws Exception {
        assertThat(database).isSameAs(db.database());
        assertThat(db.name()).startsWith("t").endsWith("_postgresextensionit");
        assertThat(db.jdbcUrl()).endsWith("/" + db.name());
        try (Connection c = DriverManager.getConnection(db.jdbcUrl(), db.user(), db.password());
                Statement s = c.createStatement()) {
            try (ResultSet r = s.executeQuery("SELECT count(*), bool_and(success) FROM salus.flyway_schema_history "
                    + "WHERE version IS NOT NULL")) {
                r.next();
                assertThat(r.getInt(1)).isGreaterThanOrEqualTo(8);
                assertThat(r.getBoolean(2)).isTrue();
            }
            try (ResultSet r = s.executeQuery("SELECT count(*) FROM salus.account")) {
                r.next();
                assertThat(r.getInt(1)).isZero();
            }
            try (ResultSet r = s.executeQuery("SELECT current_database()")) {
                r.next();
                assertThat(r.getString(1)).isEqualTo(db.name());
            }
        }
    }

    @Nested
    class InANestedClass {
        @Test
        void aNestedClass_sharesItsOuterClassesDatabase(TestDatabase nested) {
            assertThat(nested).isSameAs(db);
        }
    }
}
