package io.salus.core.custody;

import io.salus.core.account.Account;
import io.salus.core.error.ErrorCode;
import io.salus.core.error.Result;
import io.salus.core.merkle.Hash32;
import io.salus.core.port.RecordStore;
import io.salus.core.record.RecordBinding;
import io.salus.core.record.RecordId;
import io.salus.core.record.StoredRecord;
import java.util.Optional;

/**
 * What a patient's device needs to read their own data without the node: a record as stored (ciphertext and the
 * data key wrapped to the patient's X25519 key, with the associated data both are bound to), and what the node holds
 * for the account. The node-wrapped data key is never handed out. Thread-safe.
 */
public final class DeviceReads {
    private final RecordStore records;
    private final CustodyStore custody;

    public DeviceReads(RecordStore records, CustodyStore custody) {
        this.records = records;
        this.custody = custody;
    }

    /** A record sealed to its patient: open the wrapped key with HPKE (info = associated data), then AES-256-GCM. */
    public record SealedForOwner(RecordId id, String category, String resourceType, byte[] ciphertext,
            byte[] wrappedKeyForPatient, byte[] associatedData, Hash32 leaf) {
    }

    /** The owner's record; {@code RECORD_NOT_FOUND} for anyone else (existence is not disclosed). */
    public Result<SealedForOwner> sealed(Account actor, RecordId id) {
        Optional<StoredRecord> found = records.find(id);
        if (found.isEmpty() || !found.get().patient().equals(actor.id())) {
            return Result.fail(ErrorCode.RECORD_NOT_FOUND, "no record " + id + " for this account");
        }
        StoredRecord r = found.get();
        return Result.ok(new SealedForOwner(r.id(), r.category().name(), r.resourceType(), r.sealed().ciphertext(),
                r.sealed().wrappedKeyForPatient(), RecordBinding.associatedData(r.id(), r.patient(), r.category()),
                r.leaf()));
    }

    public Result<NodeHoldings> holdings(Account actor) {
        return custody.holdings(actor.id()).<Result<NodeHoldings>>map(Result::ok)
                .orElseGet(() -> Result.fail(ErrorCode.ACCOUNT_NOT_FOUND, "no account " + actor.id()));
    }
}
