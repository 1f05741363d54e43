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
 * one way records are sealed, for deposits and device batches alike. Thread-safe.
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
        RecordId id = RecordId.random();
        Hash32 salt = keys.newSalt();
        Hash32 content = Hashing.sha256(json);
        byte[] aad = RecordBinding.associatedData(id, patient.id(), category);
        List<Hash32> readingLeaves = ReadingLeaves.leaves(salt, readingHashes);
        return new NewRecord(id, category, resourceType, fhirId, keys.seal(json, aad, patient.encryptionPublicKey()),
                keys.sealValue(salt.bytes(), RecordBinding.saltAssociatedData(id)),
                ReadingLeaves.recordLeaf(salt, content, readingLeaves), readingLeaves);
    }
}
