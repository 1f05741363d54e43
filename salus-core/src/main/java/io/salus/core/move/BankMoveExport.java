package io.salus.core.move;

import io.salus.core.account.Account;
import io.salus.core.account.EvmAddress;
import io.salus.core.anchor.AnchorBatch;
import io.salus.core.error.ErrorCode;
import io.salus.core.error.Result;
import io.salus.core.merkle.Hash32;
import io.salus.core.port.AccountStore;
import io.salus.core.port.KeyManager;
import io.salus.core.port.RecordStore;
import io.salus.core.record.Anchoring;
import io.salus.core.record.RecordBinding;
import io.salus.core.record.RecordId;
import io.salus.core.record.RecordSummary;
import io.salus.core.record.StoredRecord;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Builds the package of a patient's bank at the node they leave: the account with its opened private keys and token
 * hash, and every record opened through the node's wrapping with its salt and anchoring. Refuses ({@code
 * NOT_YET_ANCHORED}) while a record waits for its anchor: a moved record always carries a receipt the chain confirms.
 * Stateless apart from its ports; thread-safe.
 */
public final class BankMoveExport {
    private final AccountStore accounts;
    private final RecordStore records;
    private final BankMoveStore store;
    private final KeyManager keys;

    public BankMoveExport(AccountStore accounts, RecordStore records, BankMoveStore store, KeyManager keys) {
        this.accounts = accounts;
        this.records = records;
        this.store = store;
        this.keys = keys;
    }

    public Result<MovePackage> export(Account patient, EvmAddress from, EvmAddress to) {
        List<RecordId> ids = records.listByPatient(patient.id()).stream().map(RecordSummary::id).toList();
        List<MovedRecord> moved = new ArrayList<>();
        Map<Hash32, AnchorBatch> batches = new HashMap<>();
        for (StoredRecord r : records.findAll(ids)) {
            Optional<Anchoring> a = r.anchoring().filter(Anchoring::mined);
            if (a.isEmpty()) {
                return Result.fail(ErrorCode.NOT_YET_ANCHORED, "record " + r.id() + " waits for its anchor");
            }
            AnchorBatch b = batches.computeIfAbsent(a.get().batchKey(), k -> records.findBatch(k).orElseThrow());
            Result<byte[]> content = keys.open(r.sealed(), RecordBinding.associatedData(r.id(), r.patient(),
                    r.category()));
            Result<byte[]> salt = keys.openValue(r.sealedSalt(), RecordBinding.saltAssociatedData(r.id()));
            if (!content.isOk() || !salt.isOk()) {
                return Result.fail(ErrorCode.RECORD_TAMPERED, "record " + r.id() + " does not open");
            }
            moved.add(new MovedRecord(r.id(), r.provenance().depositId(), r.category(), r.resourceType(),
                    Optional.ofNullable(r.fhirId()), r.provenance().source(), r.provenance().depositedAt(),
                    content.orElseThrow(), Hash32.of(salt.orElseThrow()), r.leaf(), r.readingLeaves(),
                    new MovedRecord.Batch(b.batchKey(), b.root(), b.size(), b.cutAt(), a.get().txHash()
                            .orElseThrow(), a.get().blockNumber().orElseThrow()),
                    a.get().leafIndex(),
                    a.get().proof()));
        }
        Optional<AccountStore.SealedKeys> sealed = accounts.sealedKeys(patient.id());
        Optional<Hash32> token = store.apiTokenHash(patient.id());
        if (sealed.isEmpty() || token.isEmpty()) {
            return Result.fail(ErrorCode.KEY_UNAVAILABLE, "the patient's keys cannot be found");
        }
        return keys.unsealSigningKey(patient.address(), sealed.get().signingPrivateKey())
                .flatMap(signing -> keys.unsealEncryptionKey(sealed.get().encryptionPrivateKey())
                        .map(encryption -> new MovePackage(from, to, new MovedAccount(patient.id(),
                                patient.displayName(), patient.address(), patient.did(), signing, encryption,
                                token.get(), patient.createdAt()), moved)));
    }
}
