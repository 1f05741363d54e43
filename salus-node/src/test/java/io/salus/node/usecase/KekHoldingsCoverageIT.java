package io.salus.node.usecase;

import static org.assertj.core.api.Assertions.assertThat;

import io.salus.store.Database;
import io.salus.store.PostgresKekHoldings;
import io.salus.store.internal.KekColumn;
import io.salus.testkit.postgres.WithPostgres;
import java.time.Clock;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * {@code keys retire-old} deletes an old KEK key when a count over the KEK holdings is zero: a column that holds
 * KEK-sealed values but is not a holding would not be counted, and its values would be lost with the key. So every
 * binary column of the migrated schema is either a holding or declared here as not under the KEK, with the reason; a
 * new binary column fails this test until it is classified.
 */
@WithPostgres
class KekHoldingsCoverageIT {
    /** Binary columns that hold nothing sealed under the KEK, and what they hold instead. */
    private static final Map<String, String> NOT_UNDER_THE_KEK = Map.ofEntries(
            Map.entry("account.encryption_public_key", "public key"),
            Map.entry("account.signing_public_key", "public key"),
            Map.entry("account.api_token_hash", "hash of a token"),
            Map.entry("deposit.request_hash", "keyed hash (fixed derived key)"),
            Map.entry("anchor_batch.batch_key", "hash"), Map.entry("anchor_batch.root", "Merkle root"),
            Map.entry("sealed_record.ciphertext", "under the record's own data key"),
            Map.entry("sealed_record.wrapped_key_patient", "HPKE to the patient"),
            Map.entry("sealed_record.leaf", "salted hash"), Map.entry("sealed_record.proof", "Merkle proof"),
            Map.entry("sealed_record.reading_leaves", "salted hashes"),
            Map.entry("patient_identifier_index.blind_index", "keyed hash (fixed derived key)"),
            Map.entry("access_log_event.audit_hash", "hash"),
            Map.entry("access_log_event.patient_pseudonym", "keyed hash (fixed derived key)"),
            Map.entry("audit_entry.audit_event_json", "AuditEvent (names no clinical value)"),
            Map.entry("audit_entry.audit_hash", "hash"),
            Map.entry("deal.deal_id", "id"), Map.entry("deal.criteria", "the consumer's criteria"),
            Map.entry("deal.criteria_salt", "salt of an on-chain commitment"),
            Map.entry("deal.criteria_commitment", "commitment"), Map.entry("deal.cohort_root", "Merkle root"),
            Map.entry("deal_member.deal_id", "id"), Map.entry("deal_member.pseudonym", "per-deal pseudonym"),
            Map.entry("deal_package.deal_id", "id"), Map.entry("deal_package.plaintext_keccak", "hash"),
            Map.entry("deal_package.ciphertext_sha256", "hash"),
            Map.entry("deal_package.wrapped_key", "HPKE to the consumer"),
            Map.entry("deal_tx.deal_id", "id"),
            Map.entry("deal_event.deal_id", "id"), Map.entry("deal_event.ciphertext_hash", "hash"),
            Map.entry("deal_event.wrapped_key", "HPKE to the consumer (as released on chain)"),
            Map.entry("recovery_share.sealed", "HPKE to the guardian"),
            Map.entry("recovery_share.share_hash", "hash"),
            Map.entry("recovery_request.new_public_key", "public key"),
            Map.entry("recovery_request.claim_hash", "hash of a token"),
            Map.entry("recovery_approval.resealed", "HPKE to the recovery's new key"),
            Map.entry("erased_record.leaf", "salted hash"),
            Map.entry("device.public_key", "public key"), Map.entry("device_batch.digest", "hash"),
            Map.entry("monitoring_alert.ciphertext", "under the alert's own data key"),
            Map.entry("monitoring_alert.wrapped_key_patient", "HPKE to the patient"),
            Map.entry("monitoring_audit.audit_event", "AuditEvent (names no value)"),
            Map.entry("monitoring_audit.hash", "hash"),
            Map.entry("smart_client.secret_hash", "hash of a secret"),
            Map.entry("smart_code.code_hash", "hash of a code"),
            Map.entry("smart_refresh_token.token_hash", "hash of a token"),
            Map.entry("compute_job.deal_id", "id"), Map.entry("compute_job.module", "the consumer's own code"),
            Map.entry("compute_job.algorithm_hash", "hash"), Map.entry("compute_job.input_root", "Merkle root"),
            Map.entry("compute_job.output_hash", "hash"),
            Map.entry("custody_invitation.code_hash", "hash of a code"),
            Map.entry("claim.digest", "salted hash (anchored on chain)"),
            Map.entry("claim.salt", "salt of an on-chain digest"),
            Map.entry("risk_score.ciphertext", "under the score's own data key"),
            Map.entry("risk_score.wrapped_key_patient", "HPKE to the patient"),
            Map.entry("risk_answers.ciphertext", "under the answers' own data key"),
            Map.entry("risk_answers.wrapped_key_patient", "HPKE to the patient"));

    @Test
    void everyBinaryColumn_isAKekHolding_orDeclaredNotUnderTheKek(Database db) {
        Set<String> binary = db.jdbi().withHandle(h -> h.createQuery("""
                SELECT table_name || '.' || column_name FROM information_schema.columns
                 WHERE table_schema = current_schema() AND data_type = 'bytea'""").mapTo(String.class)
                .collect(Collectors.toCollection(TreeSet::new)));
        Set<String> holdings = PostgresKekHoldings.all(db.jdbi(), Clock.systemUTC()).stream()
                .map(h -> ((KekColumn) h).where()).collect(Collectors.toSet());

        assertThat(holdings).allMatch(binary::contains);
        assertThat(binary).as("the declared columns exist").containsAll(NOT_UNDER_THE_KEK.keySet());
        assertThat(holdings).doesNotContainAnyElementsOf(NOT_UNDER_THE_KEK.keySet());
        Set<String> unclassified = new TreeSet<>(binary);
        unclassified.removeAll(holdings);
        unclassified.removeAll(NOT_UNDER_THE_KEK.keySet());
        assertThat(unclassified).as("binary columns neither re-wrapped by the KEK retirement nor declared not under "
                + "the KEK (add them to PostgresKekHoldings or to this list)").isEmpty();
    }
}
