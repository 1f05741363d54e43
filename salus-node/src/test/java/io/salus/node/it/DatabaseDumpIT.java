package io.salus.node.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import io.salus.node.wiring.Node;
import io.salus.testkit.Fixtures;
import java.io.StringWriter;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.postgresql.PGConnection;

/**
 * A backup of the node's database without its KEK is not a clinical dataset. A node of its own deposits the Synthea
 * fixture patients (social security, passport, driver's licence and record numbers among their identifiers), one of
 * them grants research access and a lab reads her vital signs; then every table is dumped, row by row, as
 * {@code pg_dump} would (zonky's embedded PostgreSQL bundles no {@code pg_dump} binary, so this is {@code COPY ... TO
 * STDOUT} of each table through JDBC, text format, bytea as hex), and none of the patients' identifiers, codes, values
 * or dates is in it.
 */
class DatabaseDumpIT {
    @TempDir
    static Path dir;
    static Node node;
    static Api api;
    static ClinicalNeedles needles = new ClinicalNeedles();

    @BeforeAll
    static void start() throws Exception {
        node = TestNodes.start(dir);
        api = new Api(node);
        Api.Acct hospital = api.open("HOSPITAL", "Dump test hospital");
        List<String> fixtures = Fixtures.syntheaBundles();
        Api.Acct first = null;
        for (int i = 0; i < fixtures.size(); i++) {
            Api.Acct patient = api.open("PATIENT", "Dump test patient " + i);
            api.link(patient, hospital);
            byte[] bundle = Fixtures.bytes(fixtures.get(i));
            needles.add(bundle);
            api.deposit(hospital, patient, bundle, "deposit-" + i).then().statusCode(201);
            first = first == null ? patient : first;
        }
        ConsentRequests consent = new ConsentRequests(api);
        Api.Acct lab = api.open("CONSUMER", "Dump test lab");
        consent.attest(consent.trustedIssuer("ACADEMIC_RESEARCHER"), lab, "ACADEMIC_RESEARCHER", "HRESCH");
        consent.grantOk(first, List.of("VITAL_SIGNS"), List.of("ACADEMIC_RESEARCHER"), List.of("HRESCH"));
        consent.access(lab, first, "HRESCH", "VITAL_SIGNS").then().statusCode(200);
        api.awaitAnchored(first, api.records(first).size(), Duration.ofSeconds(120));
    }

    @AfterAll
    static void stop() {
        node.close();
    }

    /** Every row of every table of the node's schema, as COPY text. */
    static String dump() throws Exception {
        StringWriter out = new StringWriter();
        try (Connection c = node.dataSource().getConnection()) {
            List<String> tables = new ArrayList<>();
            try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("""
                    SELECT table_schema || '.' || table_name FROM information_schema.tables
                     WHERE table_type = 'BASE TABLE' AND table_schema NOT IN ('pg_catalog', 'information_schema')
                     ORDER BY 1""")) {
                while (rs.next()) {
                    tables.add(rs.getString(1));
                }
            }
            assertThat(tables).contains("salus.sealed_record", "salus.deposit", "salus.patient_identifier_index",
                    "salus.sealed_cohort_features", "salus.sealed_patient_facts", "salus.audit_entry",
                    "salus.outbox", "salus.account");
            for (String t : tables) {
                out.write("-- " + t + "\n");
                c.unwrap(PGConnection.class).getCopyAPI().copyOut("COPY " + t + " TO STDOUT", out);
            }
        }
        return out.toString();
    }

    @Test
    void aDatabaseDump_holdsNoIdentifierCodeValueOrDateOfTheDepositedPatients() throws Exception {
        assertThat(needles.identifiers).as("identifiers of the fixtures").hasSizeGreaterThan(30)
                .anySatisfy(i -> assertThat(i).matches("999-\\d\\d-\\d{4}"));
        assertThat(needles.codes).as("codes").hasSizeGreaterThan(100);
        assertThat(needles.values).as("values").hasSizeGreaterThan(100);
        assertThat(needles.dates).as("dates").hasSizeGreaterThan(100);

        String dump = dump();

        assertThat(dump).hasSizeGreaterThan(100_000);
        assertThat(needles.foundIn(dump)).as("clinical values of the deposited patients in the dump").isEmpty();
    }

    @Test
    void theDumpScan_findsAClearValueWhereverOneIsWritten() throws Exception {
        String code = needles.codes.iterator().next();
        String date = needles.dates.iterator().next();
        try (Connection c = node.dataSource().getConnection(); Statement s = c.createStatement()) {
            s.execute("CREATE TABLE public.planted (note text)");
            s.execute("INSERT INTO public.planted VALUES ('{\"code\":\"" + code + "\",\"date\":\"" + date + "\"}')");
        }
        try {
            assertThat(needles.foundIn(dump())).containsExactlyInAnyOrder(code, date);
        } finally {
            try (Connection c = node.dataSource().getConnection(); Statement s = c.createStatement()) {
                s.execute("DROP TABLE public.planted");
            }
        }
    }

    @Test
    void identifiersKeptAsBlindIndexes_stillTellTheSamePatientFromAnother() {
        List<String> fixtures = Fixtures.syntheaBundles();
        Api.Acct patient = api.open("PATIENT", "Identifier check " + UUID.randomUUID());
        api.deposit(patient, patient, Fixtures.bytes(fixtures.get(0)), null).then().statusCode(201);
        api.deposit(patient, patient, Fixtures.bytes(fixtures.get(1)), null).then().statusCode(422)
                .body("code", equalTo("SALUS-0006"));
        api.deposit(patient, patient, Fixtures.bytes(fixtures.get(0)), "again").then().statusCode(201);
        api.deposit(patient, patient, Fixtures.bytes(fixtures.get(0)), "again").then().statusCode(200)
                .body("replayed", equalTo(true));
    }
}
