package io.salus.core.usecase;

import io.salus.core.account.Account;
import io.salus.core.merkle.Hash32;
import io.salus.core.merkle.Hashing;
import io.salus.core.port.KeyManager;
import io.salus.core.record.Category;
import io.salus.core.record.NewRecord;
import io.salus.core.record.ReadingLeaves;
import io.salus.core.record.RecordBinding;
import io.salus.core.record.RecordId;
import java.util.List;

/**
 * Seals one record: a fresh record id and salt (kept only sealed under the KEK, bound to the record id), the SHA-256 of
 * the content (kept nowhere, only inside the salted leaf), a fresh data key (AES-256-GCM) wrapped for the node and to
 * the patient, associated data binding id, patient and category, and the salted leaf. A record may
 * carry individually provable readings ({@link ReadingLeaves}): its leaf is then the root of its own small tree. The
 * one way records are sealed, for deposits and device batches alike. The records of one deposit are sealed in one
 * {@link Session}: one HPKE encapsulation to the patient for all of them (decision 0033). Thread-safe.
 */
public final class RecordSealer {
    private final KeyManager keys;

    public RecordSealer(KeyManager keys) {
        this.keys = keys;
    }

    public NewRecord seal(Account patient, Category category, String resourceType, String fhirId, byte[] json) {
        return seal(patient, category, resourceType, fhirId, json, List.of());
    }

    /** A record whose readings (their hashes, in order) are each provable on their own against the anchored root. */
    public NewRecord seal(Account patient, Category category, String resourceType, String fhirId, byte[] json,
            List<Hash32> readingHashes) {
        try (Session session = session(patient)) {
            return session.seal(category, resourceType, fhirId, json, readingHashes);
        }
    }

    /**
     * Seals many records of one patient (a deposit) under one HPKE encapsulation ({@link KeyManager#sealing}): every
     * record keeps its own id, salt, data key and wrappings. Close it when the records are sealed.
     */
    public Session session(Account patient) {
        return new Session(patient, keys.sealing(patient.encryptionPublicKey()));
    }

    /** The records of one patient sealed under one encapsulation. Thread-safe until closed. */
    public final class Session implements AutoCloseable {
        private final Account patient;
        private final KeyManager.RecordSealing sealing;

        private Session(Account patient, KeyManager.RecordSealing sealing) {
            this.patient = patient;
            this.sealing = sealing;
        }

        public NewRecord seal(Category category, String resourceType, String fhirId, byte[] json) {
            return seal(category, resourceType, fhirId, json, List.of());
        }

        public NewRecord seal(Category category, String resourceType, String fhirId, byte[] json,
                List<Hash32> readingHashes) {
            RecordId id = RecordId.random();
            Hash32 salt = keys.newSalt();
            Hash32 content = Hashing.sha256(json);
            byte[] aad = RecordBinding.associatedData(id, patient.id(), category);
            List<Hash32> readingLeaves = ReadingLeaves.leaves(salt, readingHashes);
            return new NewRecord(id, category, resourceType, fhirId, sealing.seal(json, aad),
                    keys.sealValue(salt.bytes(), RecordBinding.saltAssociatedData(id)),
                    ReadingLeaves.recordLeaf(salt, content, readingLeaves), readingLeaves);
        }

        @Override
        public void close() {
            sealing.close();
        }
    }
}
