package io.salus.store;

import io.salus.core.account.AccountId;
import io.salus.core.deal.Deal;
import io.salus.core.deal.StagedPackage;
import io.salus.core.keys.KekHolding;
import io.salus.core.merkle.Hash32;
import io.salus.core.monitoring.AlertId;
import io.salus.core.record.Category;
import io.salus.core.record.RecordBinding;
import io.salus.core.record.RecordId;
import io.salus.core.usecase.monitoring.AlertPayload;
import io.salus.core.usecase.scores.ScorePayload;
import io.salus.store.internal.AtRest;
import io.salus.store.internal.KekColumn;
import io.salus.store.internal.KekColumn.Key;
import io.salus.store.internal.KekColumn.Kind;
import static java.nio.charset.StandardCharsets.UTF_8;

import java.time.Clock;
import java.util.List;
import java.util.UUID;
import org.jdbi.v3.core.Jdbi;

/**
 * Every column in which the store keeps values sealed under the node's KEK, as {@link KekHolding}s for the KEK
 * retirement pass: node-wrapped data keys of records, alerts and risk scores and answers, sealed record salts and FHIR ids, sealed cohort
 * features and patient facts, sealed account private keys (and the new keys of pending recoveries), deals'
 * de-identification secrets and packages' content keys, and break-glass justifications, review notes and notices. Keyed hashes (blind indexes, request hashes, pseudonyms) are
 * not here: they derive from a root that retirement keeps, so they stay valid as they are.
 */
public final class PostgresKekHoldings {
    private PostgresKekHoldings() {
    }

    public static List<KekHolding> all(Jdbi jdbi, Clock clock) {
        return List.of(
                new KekColumn(jdbi, clock, "record-key", "sealed_record", "id", Key.UUID, "patient, category",
                        "wrapped_key_node", Kind.RECORD_KEY,
                        rs -> RecordBinding.associatedData(new RecordId(uuid(rs.key())),
                                new AccountId(uuid(rs.text("patient"))), Category.valueOf(rs.text("category")))),
                new KekColumn(jdbi, clock, "record-salt", "sealed_record", "id", Key.UUID, "", "salt", Kind.VALUE,
                        rs -> RecordBinding.saltAssociatedData(new RecordId(uuid(rs.key())))),
                new KekColumn(jdbi, clock, "record-fhir-id", "sealed_record", "id", Key.UUID, "", "fhir_id", Kind.VALUE,
                        rs -> AtRest.fhirIdAad(uuid(rs.key()))),
                new KekColumn(jdbi, clock, "cohort-features", "sealed_cohort_features", "deposit_id", Key.UUID,
                        "patient",
                        "sealed", Kind.VALUE,
                        rs -> AtRest.featuresAad(uuid(rs.key()), new AccountId(uuid(rs.text("patient"))))),
                new KekColumn(jdbi, clock, "patient-facts", "sealed_patient_facts", "patient", Key.UUID, "", "sealed",
                        Kind.VALUE, rs -> AtRest.factsAad(new AccountId(uuid(rs.key())))),
                new KekColumn(jdbi, clock, "account-signing-key", "account", "id", Key.UUID, "", "sealed_signing_key",
                        Kind.ACCOUNT_KEY, rs -> new byte[0]),
                new KekColumn(jdbi, clock, "account-encryption-key", "account", "id", Key.UUID, "",
                        "sealed_encryption_key",
                        Kind.ACCOUNT_KEY, rs -> new byte[0]),
                new KekColumn(jdbi, clock, "recovery-new-key", "recovery_request", "id", Key.UUID, "", "new_sealed_key",
                        Kind.ACCOUNT_KEY, rs -> new byte[0]),
                new KekColumn(jdbi, clock, "alert-key", "monitoring_alert", "id", Key.UUID, "patient",
                        "wrapped_key_node",
                        Kind.RECORD_KEY, rs -> AlertPayload.associatedData(new AlertId(uuid(rs.key())),
                                new AccountId(uuid(rs.text("patient"))))),
                new KekColumn(jdbi, clock, "risk-score-key", "risk_score", "id", Key.UUID, "patient, model",
                        "wrapped_key_node", Kind.RECORD_KEY, rs -> ScorePayload.associatedData(uuid(rs.key()),
                                new AccountId(uuid(rs.text("patient"))), rs.text("model"))),
                new KekColumn(jdbi, clock, "risk-answers-key", "risk_answers", "id", Key.UUID, "patient",
                        "wrapped_key_node", Kind.RECORD_KEY, rs -> ScorePayload.answersAssociatedData(uuid(rs
                                .key()), new AccountId(uuid(rs.text("patient"))))),
                new KekColumn(jdbi, clock, "deal-secret", "deal", "deal_id", Key.BYTEA, "", "sealed_secret",
                        Kind.SECRET,
                        rs -> Deal.secretPurpose(Hash32.fromHex(rs.key())).getBytes(UTF_8)),
                new KekColumn(jdbi, clock, "deal-content-key", "deal_package", "deal_id", Key.BYTEA, "",
                        "sealed_content_key",
                        Kind.SECRET, rs -> StagedPackage.contentKeyPurpose(Hash32.fromHex(rs.key())).getBytes(UTF_8)),
                new KekColumn(jdbi, clock, "emergency-justification", "break_glass_access", "id", Key.UUID, "",
                        "sealed_justification", Kind.VALUE,
                        rs -> PostgresEmergencyStore.aad("justification", uuid(rs.key()), null)),
                new KekColumn(jdbi, clock, "emergency-review-note", "break_glass_access", "id", Key.UUID, "",
                        "sealed_review_note", Kind.VALUE,
                        rs -> PostgresEmergencyStore.aad("review", uuid(rs.key()), null)),
                new KekColumn(jdbi, clock, "emergency-notice", "emergency_notice", "id", Key.BIGINT,
                        "access, recipient",
                        "sealed_text", Kind.VALUE, rs -> PostgresEmergencyStore.aad("notice", uuid(rs.text("access")),
                                new AccountId(uuid(rs.text("recipient"))))),
                new KekColumn(jdbi, clock, "claim", "claim", "id", Key.UUID, "", "sealed_claim", Kind.VALUE,
                        rs -> PostgresClaimStore.aad("claim", uuid(rs.key()))),
                new KekColumn(jdbi, clock, "claim-response", "claim", "id", Key.UUID, "", "sealed_response",
                        Kind.VALUE, rs -> PostgresClaimStore.aad("response", uuid(rs.key()))),
                new KekColumn(jdbi, clock, "claim-approved", "claim", "id", Key.UUID, "", "sealed_approved",
                        Kind.VALUE, rs -> PostgresClaimStore.aad("approved", uuid(rs.key()))));
    }

    private static UUID uuid(String s) {
        return UUID.fromString(s);
    }
}
