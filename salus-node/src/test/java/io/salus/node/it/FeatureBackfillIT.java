package io.salus.node.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.salus.core.cohort.Criterion;
import io.salus.core.cohort.FeatureKind;
import io.salus.node.config.NodeSettings;
import io.salus.node.wiring.Node;
import io.salus.testkit.Bundles;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.LocalDate;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Records whose cohort features were never extracted (an older node's deposits, or lost feature sets) get them once at
 * the next start, before the cohort index is rebuilt; a later start does nothing.
 */
class FeatureBackfillIT {
    private static final Criterion HEART_RATE = new Criterion.HasFeature(FeatureKind.OBSERVATION, "http://loinc.org",
            "8867-4", Optional.empty(), Optional.empty());
    private static final Criterion WOMEN = new Criterion.Sex("female");

    @TempDir
    Path dir;

    @Test
    void aDepositWithoutFeatures_getsThemAtStart_becomesFindable_andASecondStartDoesNothing() throws Exception {
        Api.Acct without;
        try (Node node = start(new ByteArrayOutputStream())) {
            Api api = new Api(node);
            Api.Acct with = api.open("PATIENT", "features kept");
            api.deposit(with, with, Bundles.patientWithObservations("kept", 3), null).then().statusCode(201);
            without = api.open("PATIENT", "features never extracted");
            api.deposit(without, without, Bundles.patientWithObservations("lost", 3), null).then().statusCode(201);
            assertThat(node.cohortIndex().count(HEART_RATE, LocalDate.now())).isEqualTo(2);
            // as an older node left it: no sealed feature set and no facts for this patient's deposit
            update(node, "DELETE FROM sealed_cohort_features WHERE patient = '" + without.id() + "'");
            update(node, "DELETE FROM sealed_patient_facts WHERE patient = '" + without.id() + "'");
        }

        ByteArrayOutputStream second = new ByteArrayOutputStream();
        try (Node node = start(second)) {
            assertThat(node.cohortIndex().count(HEART_RATE, LocalDate.now())).isEqualTo(2);
            assertThat(node.cohortIndex().count(WOMEN, LocalDate.now())).isEqualTo(2);
            assertThat(count(node, "SELECT count(*) FROM sealed_cohort_features WHERE patient = '" + without.id()
                    + "'")).isEqualTo(1);
            assertThat(count(node, "SELECT count(*) FROM cohort_feature_backfill WHERE features = 3")).isEqualTo(1);
        }
        assertThat(second.toString(StandardCharsets.UTF_8)).contains("Cohort features: backfilled 1 deposits (3 "
                + "features)");

        ByteArrayOutputStream third = new ByteArrayOutputStream();
        try (Node node = start(third)) {
            assertThat(node.cohortIndex().count(HEART_RATE, LocalDate.now())).isEqualTo(2);
            assertThat(count(node, "SELECT count(*) FROM sealed_cohort_features")).isEqualTo(2);
            assertThat(count(node, "SELECT count(*) FROM cohort_feature_backfill")).isEqualTo(1);
        }
        assertThat(third.toString(StandardCharsets.UTF_8)).doesNotContain("Cohort features");
    }

    private Node start(ByteArrayOutputStream console) {
        return Node.start(NodeSettings.resolve(Map.of(), TestNodes.settings(dir)),
                Map.of("SALUS_MASTER_SECRET", TestNodes.SECRET), false,
                new PrintStream(console, true, StandardCharsets.UTF_8));
    }

    private static void update(Node node, String sql) throws SQLException {
        try (Connection c = node.dataSource().getConnection(); Statement s = c.createStatement()) {
            assertThat(s.executeUpdate(sql)).isPositive();
        }
    }

    private static long count(Node node, String sql) throws SQLException {
        try (Connection c = node.dataSource().getConnection();
                Statement s = c.createStatement();
                ResultSet rs = s.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }
}
