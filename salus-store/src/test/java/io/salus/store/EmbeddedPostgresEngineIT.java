package io.salus.store;

import static io.salus.store.EngineFixtures.T0;
import static io.salus.store.EngineFixtures.newAccount;
import static io.salus.store.EngineFixtures.registration;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.salus.core.account.AccountId;
import io.salus.core.account.AccountKind;
import io.salus.core.account.NewAccount;
import io.salus.core.error.ErrorCode;
import io.salus.core.error.SalusException;
import io.salus.core.error.UnavailableException;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.Clock;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EmbeddedPostgresEngineIT {
    private static final Clock CLOCK = Clock.fixed(T0, ZoneOffset.UTC);

    @Test
    void restartOnTheSameDirectory_keepsEverything(@TempDir Path dir) {
        NewAccount a = newAccount(AccountKind.PATIENT, T0);
        try (EmbeddedPostgresEngine engine = EmbeddedPostgresEngine.start(dir);
                Database db = Database.embedded(engine)) {
            new PostgresAccountStore(db.jdbi(), CLOCK).create(a, registration(a));
        }

        try (EmbeddedPostgresEngine engine = EmbeddedPostgresEngine.start(dir);
                Database db = Database.embedded(engine)) {
            assertThat(new PostgresAccountStore(db.jdbi(), CLOCK).find(a.account().id())).get()
                    .usingRecursiveComparison().isEqualTo(a.account());
        }
    }

    @Test
    void nodeKilledWithSigkill_leavesAnOrphanServer_thatTheNextStartStopsAndReplaces(@TempDir Path dir)
            throws Exception {
        String java = ProcessHandle.current().info().command()
                .orElse(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        Process child = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"),
                OrphanChild.class.getName(), dir.toString()).redirectErrorStream(true).start();
        AccountId stored;
        try {
            stored = AccountId.parse(awaitReady(child)).orElseThrow();
        } finally {
            child.destroyForcibly();
            child.waitFor();
        }
        long orphanPid = Long.parseLong(
                Files.readAllLines(dir.resolve("postgres").resolve("postmaster.pid")).get(0).trim());
        assertThat(ProcessHandle.of(orphanPid).map(ProcessHandle::isAlive)).contains(true);

        try (EmbeddedPostgresEngine engine = EmbeddedPostgresEngine.start(dir);
                Database db = Database.embedded(engine)) {
            assertThat(new PostgresAccountStore(db.jdbi(), CLOCK).find(stored)).isPresent();
            assertThat(ProcessHandle.of(orphanPid).map(ProcessHandle::isAlive).orElse(false)).isFalse();
        }
    }

    @Test
    void stalePidFileOfADeadServer_doesNotBlockTheStart(@TempDir Path dir) throws Exception {
        try (EmbeddedPostgresEngine engine = EmbeddedPostgresEngine.start(dir)) {
            assertThat(engine.port()).isPositive();
        }
        Path pidFile = dir.resolve("postgres").resolve("postmaster.pid");
        Files.writeString(pidFile, "999999\n" + dir.resolve("postgres") + "\n0\n5432\n/tmp\nlocalhost\n0 0\nready\n");

        try (EmbeddedPostgresEngine engine = EmbeddedPostgresEngine.start(dir);
                Database db = Database.embedded(engine)) {
            assertThat(new PostgresOutbox(db.jdbi()).pending("none")).isZero();
        }
    }

    @Test
    void migrationsApplyThroughAJdbcUrl_once(@TempDir Path dir) throws Exception {
        try (EmbeddedPostgresEngine engine = EmbeddedPostgresEngine.start(dir)) {
            try (Database db = Database.connect(engine.jdbcUrl(), engine.user(), engine.password())) {
                assertThat(tables(db)).contains("account", "deposit", "sealed_record", "anchor_batch", "outbox",
                        "care_relationship", "patient_identifier_index", "sealed_cohort_features")
                        .doesNotContain("patient_identifier", "cohort_feature", "cohort_patient_facts");
            }
            try (Database again = Database.connect(engine.jdbcUrl(), engine.user(), engine.password())) {
                int applied = again.jdbi().withHandle(h -> h.createQuery(
                        "SELECT count(*) FROM salus.flyway_schema_history WHERE success AND version = '1'")
                        .mapTo(Integer.class).one());
                assertThat(applied).isEqualTo(1);
            }
        }
    }

    @Test
    void schemaThatCannotBeMigrated_failsClosed(@TempDir Path dir) throws Exception {
        try (EmbeddedPostgresEngine engine = EmbeddedPostgresEngine.start(dir)) {
            try (Connection c = DriverManager.getConnection(engine.jdbcUrl(), engine.user(), engine.password());
                    Statement s = c.createStatement()) {
                s.execute("CREATE DATABASE broken");
            }
            String url = engine.jdbcUrl().replace("/postgres", "/broken");
            try (Connection c = DriverManager.getConnection(url, engine.user(), engine.password());
                    Statement s = c.createStatement()) {
                s.execute("CREATE SCHEMA salus; CREATE TABLE salus.account (id int)");
            }

            assertThatThrownBy(() -> Database.connect(url, engine.user(), engine.password()))
                    .isInstanceOf(SalusException.class).hasMessageContaining("migration failed");
        }
    }

    @Test
    void unreachableServer_isStoreUnavailable() {
        assertThatThrownBy(() -> Database.connect("jdbc:postgresql://localhost:1/postgres", "postgres", ""))
                .isInstanceOfSatisfying(UnavailableException.class,
                        e -> assertThat(e.code()).isEqualTo(ErrorCode.STORE_UNAVAILABLE));
    }

    private static List<String> tables(Database db) {
        return db.jdbi().withHandle(h -> h.createQuery(
                "SELECT table_name FROM information_schema.tables WHERE table_schema = 'salus'")
                .mapTo(String.class).list());
    }

    private static String awaitReady(Process child) throws Exception {
        BufferedReader out = new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8));
        StringBuilder seen = new StringBuilder();
        String line;
        while ((line = out.readLine()) != null) {
            if (line.startsWith("READY ")) {
                return line.substring("READY ".length()).trim();
            }
            seen.append(line).append('\n');
        }
        throw new AssertionError("child exited before it was ready:\n" + seen);
    }
}
