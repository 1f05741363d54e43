package io.salus.store.internal;

import io.salus.core.account.EvmAddress;
import io.salus.core.consent.Attestation;
import io.salus.core.consent.AttestationType;
import io.salus.core.consent.ConsentEvent.AccessLogged;
import io.salus.core.consent.Delegation;
import io.salus.core.consent.Grant;
import io.salus.core.consent.GrantTerms;
import io.salus.core.consent.Purpose;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Optional;

/** Reading the consent projection's rows into domain values. Stateless. */
public final class ConsentRows {
    public static final String GRANT = """
            SELECT id, patient, signer, categories, attestation_types, purposes, valid_from, valid_until, min_price,
                   named_consumer, granted_at_block, revoked_at_block
              FROM consent_grant
            """;
    public static final String ATTESTATION = """
            SELECT id, issuer, subject, type, purposes, valid_from, valid_until, issued_at_block, revoked_at_block
              FROM consent_attestation
            """;
    public static final String DELEGATION = """
            SELECT patient, delegate, scopes, valid_until, at_block FROM consent_delegation
            """;
    public static final String ACCESS_LOG = """
            SELECT block_number, log_index, audit_hash, patient_pseudonym, requester, categories, purpose, tx_hash
              FROM access_log_event
            """;

    private ConsentRows() {
    }

    public static Grant grant(ResultSet rs) throws SQLException {
        GrantTerms terms = new GrantTerms(address(rs, "patient"), rs.getLong("categories"),
                rs.getInt("attestation_types"), rs.getInt("purposes"), Sql.instant(rs, "valid_from"),
                Sql.instant(rs, "valid_until"), rs.getLong("min_price"),
                Optional.ofNullable(rs.getString("named_consumer")).map(EvmAddress::new));
        return new Grant(rs.getLong("id"), terms, address(rs, "signer"), rs.getLong("granted_at_block"),
                Sql.optionalLong(rs, "revoked_at_block"));
    }

    public static Attestation attestation(ResultSet rs) throws SQLException {
        return new Attestation(rs.getLong("id"), address(rs, "issuer"), address(rs, "subject"),
                AttestationType.valueOf(rs.getString("type")), rs.getInt("purposes"), Sql.instant(rs, "valid_from"),
                Sql.instant(rs, "valid_until"), rs.getLong("issued_at_block"),
                Sql.optionalLong(rs, "revoked_at_block"));
    }

    public static Delegation delegation(ResultSet rs) throws SQLException {
        return new Delegation(address(rs, "patient"), address(rs, "delegate"), rs.getInt("scopes"),
                Sql.instant(rs, "valid_until"), rs.getLong("at_block"));
    }

    public static AccessLogged accessLogged(ResultSet rs) throws SQLException {
        return new AccessLogged(Sql.hash(rs, "audit_hash"), Sql.hash(rs, "patient_pseudonym"),
                address(rs, "requester"), rs.getLong("categories"), Purpose.valueOf(rs.getString("purpose")),
                rs.getString("tx_hash"), rs.getLong("block_number"), rs.getInt("log_index"));
    }

    private static EvmAddress address(ResultSet rs, String column) throws SQLException {
        return new EvmAddress(rs.getString(column));
    }
}
