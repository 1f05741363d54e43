package io.salus.bench.deposit;

import io.salus.core.error.Result;
import io.salus.core.port.BundleParser.ParsedBundle;
import io.salus.core.port.BundleParser.ParsedResource;
import io.salus.fhir.HapiBundleParser;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import javax.sql.DataSource;

/**
 * The baseline "plain FHIR store": HAPI-parse the bundle with the node's parser (without the FHIR R4 rules check),
 * then insert every resource's JSON
 * (jsonb) into one PostgreSQL table, one transaction per bundle; no encryption, no anchoring. Lives in its own schema
 * {@code bench} of the node's database. Thread-safe.
 */
public final class PlainFhirStore {
    private final DataSource db;
    private final HapiBundleParser parser;

    private PlainFhirStore(DataSource db, HapiBundleParser parser) {
        this.db = db;
        this.parser = parser;
    }

    /** Creates (or empties) {@code bench.fhir_resource}. */
    public static PlainFhirStore create(DataSource db) {
        try (Connection c = db.getConnection(); Statement s = c.createStatement()) {
            s.execute("CREATE SCHEMA IF NOT EXISTS bench");
            s.execute("CREATE TABLE IF NOT EXISTS bench.fhir_resource (id bigserial PRIMARY KEY, patient text NOT NULL,"
                    + " resource_type text NOT NULL, fhir_id text NOT NULL, body jsonb NOT NULL)");
            s.execute("TRUNCATE bench.fhir_resource");
        } catch (SQLException e) {
            throw new IllegalStateException("cannot create the baseline table", e);
        }
        // parse + insert: the plain store does not check FHIR R4's rules (most FHIR stores do not by default)
        return new PlainFhirStore(db, new HapiBundleParser(HapiBundleParser.DEFAULT_MAX_BODY_BYTES,
                HapiBundleParser.DEFAULT_MAX_RESOURCES, false));
    }

    /** Parses and stores one bundle; returns the number of resources stored. */
    public int store(String patient, byte[] bundle) {
        Result<ParsedBundle> parsed = parser.parse(bundle);
        if (!parsed.isOk()) {
            throw new IllegalStateException("the baseline refused a bundle: " + parsed.failure());
        }
        try (Connection c = db.getConnection()) {
            c.setAutoCommit(false);
            try (PreparedStatement ps = c.prepareStatement("INSERT INTO bench.fhir_resource (patient, resource_type,"
                    + " fhir_id, body) VALUES (?, ?, ?, ?::jsonb)")) {
                for (ParsedResource r : parsed.orElseThrow().resources()) {
                    ps.setString(1, patient);
                    ps.setString(2, r.resourceType());
                    ps.setString(3, r.fhirId());
                    ps.setString(4, new String(r.json(), StandardCharsets.UTF_8));
                    ps.addBatch();
                }
                ps.executeBatch();
            }
            c.commit();
            return parsed.orElseThrow().resources().size();
        } catch (SQLException e) {
            throw new IllegalStateException("the baseline insert failed", e);
        }
    }

    public long count() {
        try (Connection c = db.getConnection();
                Statement s = c.createStatement();
                var rs = s.executeQuery("SELECT count(*) FROM bench.fhir_resource")) {
            rs.next();
            return rs.getLong(1);
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }
}
