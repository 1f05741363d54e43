package io.salus.store.internal;

import io.salus.core.account.EvmAddress;
import io.salus.core.consent.Attestation;
import io.salus.core.consent.ConsentEvent;
import io.salus.core.consent.ConsentEvent.AccessLogged;
import io.salus.core.consent.ConsentEvent.AttestationRecorded;
import io.salus.core.consent.ConsentEvent.AttestationRevoked;
import io.salus.core.consent.ConsentEvent.DelegationSet;
import io.salus.core.consent.ConsentEvent.GrantRecorded;
import io.salus.core.consent.ConsentEvent.GrantRevoked;
import io.salus.core.consent.ConsentEvent.IssuerTrusted;
import io.salus.core.consent.Delegation;
import io.salus.core.consent.Grant;
import io.salus.core.consent.GrantTerms;
import java.util.Arrays;
import java.util.List;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.statement.PreparedBatch;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes consent events into the projection inside the caller's transaction, in batches per kind. Every write is
 * order-independent, so re-applying events is harmless: records are upserts keyed by chain ids; the latest issuer trust
 * and delegation (by block, then log index) win; a revocation keeps the earliest revocation block and is applied after
 * the records of the same call. Stateless.
 */
public final class ConsentEventWriter {
    private static final Logger LOG = LoggerFactory.getLogger(ConsentEventWriter.class);

    private ConsentEventWriter() {
    }

    public static void apply(Handle h, List<ConsentEvent> events) {
        PreparedBatch issuers = h.prepareBatch(
                """
                        INSERT INTO trusted_issuer (issuer, attestation_types, at_block, log_index)
                        VALUES (:issuer, :types, :block, :logIndex)
                        ON CONFLICT (issuer) DO UPDATE SET attestation_types = excluded.attestation_types,
                            at_block = excluded.at_block, log_index = excluded.log_index
                         WHERE (excluded.at_block, excluded.log_index) >= (trusted_issuer.at_block, trusted_issuer.log_index)""");
        PreparedBatch grants = h.prepareBatch("""
                INSERT INTO consent_grant (id, patient, signer, categories, attestation_types, purposes, valid_from,
                    valid_until, min_price, named_consumer, granted_at_block)
                VALUES (:id, :patient, :signer, :categories, :types, :purposes, :from, :until, :minPrice, :named,
                    :block)
                ON CONFLICT (id) DO UPDATE SET patient = excluded.patient, signer = excluded.signer,
                    categories = excluded.categories, attestation_types = excluded.attestation_types,
                    purposes = excluded.purposes, valid_from = excluded.valid_from,
                    valid_until = excluded.valid_until, min_price = excluded.min_price,
                    named_consumer = excluded.named_consumer, granted_at_block = excluded.granted_at_block""");
        PreparedBatch attestations = h.prepareBatch("""
                INSERT INTO consent_attestation (id, issuer, subject, type, purposes, valid_from, valid_until,
                    issued_at_block)
                VALUES (:id, :issuer, :subject, :type, :purposes, :from, :until, :block)
                ON CONFLICT (id) DO UPDATE SET issuer = excluded.issuer, subject = excluded.subject,
                    type = excluded.type, purposes = excluded.purposes, valid_from = excluded.valid_from,
                    valid_until = excluded.valid_until, issued_at_block = excluded.issued_at_block""");
        PreparedBatch delegations = h.prepareBatch("""
                INSERT INTO consent_delegation (patient, delegate, scopes, valid_until, at_block, log_index)
                VALUES (:patient, :delegate, :scopes, :until, :block, :logIndex)
                ON CONFLICT (patient, delegate) DO UPDATE SET scopes = excluded.scopes,
                    valid_until = excluded.valid_until, at_block = excluded.at_block, log_index = excluded.log_index
                 WHERE (excluded.at_block, excluded.log_index)
                       >= (consent_delegation.at_block, consent_delegation.log_index)""");
        PreparedBatch accessLogs = h.prepareBatch("""
                INSERT INTO access_log_event (block_number, log_index, audit_hash, patient_pseudonym, requester,
                    categories, purpose, tx_hash)
                VALUES (:block, :logIndex, :hash, :pseudonym, :requester, :categories, :purpose, :tx)
                ON CONFLICT (block_number, log_index) DO UPDATE SET audit_hash = excluded.audit_hash,
                    patient_pseudonym = excluded.patient_pseudonym, requester = excluded.requester,
                    categories = excluded.categories, purpose = excluded.purpose, tx_hash = excluded.tx_hash""");
        PreparedBatch grantRevocations = h.prepareBatch("""
                UPDATE consent_grant SET revoked_at_block = LEAST(COALESCE(revoked_at_block, :block), :block)
                 WHERE id = :id""");
        PreparedBatch attestationRevocations = h.prepareBatch("""
                UPDATE consent_attestation SET revoked_at_block = LEAST(COALESCE(revoked_at_block, :block), :block)
                 WHERE id = :id""");
        for (ConsentEvent e : events) {
            switch (e) {
                case IssuerTrusted t -> issuers.bind("issuer", t.issuer().hex())
                        .bind("types", t.attestationTypes())
                        .bind("block", t.block())
                        .bind("logIndex", t.logIndex())
                        .add();
                case GrantRecorded g -> bindGrant(grants, g.grant()).add();
                case AttestationRecorded a -> bindAttestation(attestations, a.attestation()).add();
                case DelegationSet d -> bindDelegation(delegations, d.delegation(), d.logIndex()).add();
                case AccessLogged l -> accessLogs.bind("block", l.block())
                        .bind("logIndex", l.logIndex())
                        .bind("hash", l.auditHash().bytes())
                        .bind("pseudonym", l.patientPseudonym().bytes())
                        .bind("requester", l.requester().hex())
                        .bind("categories", l.categories())
                        .bind("purpose", l.purpose().name())
                        .bind("tx", l.txHash())
                        .add();
                case GrantRevoked r -> grantRevocations.bind("id", r.grantId()).bind("block", r.block()).add();
                case AttestationRevoked r -> attestationRevocations.bind("id", r.attestationId())
                        .bind("block", r.block())
                        .add();
            }
        }
        for (PreparedBatch batch : List.of(issuers, grants, attestations, delegations, accessLogs)) {
            run(batch);
        }
        warnUnknown("grant", run(grantRevocations));
        warnUnknown("attestation", run(attestationRevocations));
    }

    private static PreparedBatch bindGrant(PreparedBatch b, Grant g) {
        GrantTerms t = g.terms();
        return b.bind("id", g.id())
                .bind("patient", t.patient().hex())
                .bind("signer", g.signer().hex())
                .bind("categories", t.categories())
                .bind("types", t.attestationTypes())
                .bind("purposes", t.purposes())
                .bind("from", Sql.ts(t.validFrom()))
                .bind("until", Sql.ts(t.validUntil()))
                .bind("minPrice", t.minPrice())
                .bind("named", t.namedConsumer().map(EvmAddress::hex).orElse(null))
                .bind("block", g.grantedAtBlock());
    }

    private static PreparedBatch bindAttestation(PreparedBatch b, Attestation a) {
        return b.bind("id", a.id())
                .bind("issuer", a.issuer().hex())
                .bind("subject", a.subject().hex())
                .bind("type", a.type().name())
                .bind("purposes", a.purposes())
                .bind("from", Sql.ts(a.validFrom()))
                .bind("until", Sql.ts(a.validUntil()))
                .bind("block", a.issuedAtBlock());
    }

    private static PreparedBatch bindDelegation(PreparedBatch b, Delegation d, int logIndex) {
        return b.bind("patient", d.patient().hex())
                .bind("delegate", d.delegate().hex())
                .bind("scopes", d.scopes())
                .bind("until", Sql.ts(d.validUntil()))
                .bind("block", d.atBlock())
                .bind("logIndex", logIndex);
    }

    private static int[] run(PreparedBatch batch) {
        return batch.size() == 0 ? new int[0] : batch.execute();
    }

    private static void warnUnknown(String what, int[] counts) {
        long unknown = Arrays.stream(counts).filter(n -> n == 0).count();
        if (unknown > 0) {
            LOG.warn("{} {} revocation(s) name no known {}; ignored", unknown, what, what);
        }
    }
}
