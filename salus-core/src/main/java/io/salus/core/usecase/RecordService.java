package io.salus.core.usecase;

import io.salus.core.account.Account;
import io.salus.core.account.AccountId;
import io.salus.core.account.CustodyMode;
import io.salus.core.anchor.AnchorTx;
import io.salus.core.error.ErrorCode;
import io.salus.core.error.Result;
import io.salus.core.merkle.Hash32;
import io.salus.core.merkle.Hashing;
import io.salus.core.merkle.MerkleTree;
import io.salus.core.port.AccountStore;
import io.salus.core.port.KeyManager;
import io.salus.core.port.Ledger;
import io.salus.core.port.RecordStore;
import io.salus.core.record.Anchoring;
import io.salus.core.record.ReadingLeaves;
import io.salus.core.record.RecordBinding;
import io.salus.core.record.RecordId;
import io.salus.core.record.RecordSummary;
import io.salus.core.record.StoredRecord;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Reading records back: the owner's decrypted record (through the patient-wrapped data key), its anchoring receipt,
 * and a proof of inclusion checked against the chain. A record whose ciphertext, wrapped key, associated row data,
 * salt or leaf was altered fails with {@code RECORD_TAMPERED}; it is never served as valid. Thread-safe.
 */
public final class RecordService {
    private static final int SALT_BYTES = 32;
    private final AccountStore accounts;
    private final RecordStore records;
    private final KeyManager keys;
    private final Ledger ledger;

    public RecordService(AccountStore accounts, RecordStore records, KeyManager keys, Ledger ledger) {
        this.accounts = accounts;
        this.records = records;
        this.keys = keys;
        this.ledger = ledger;
    }

    /** A decrypted record with the metadata that proves where it came from. */
    public record Opened(StoredRecord record, byte[] json) {
    }

    /**
     * A record's place on chain, with the salt: whoever holds the record's exact bytes, the salt and this receipt can
     * prove the record's integrity against the chain without the node.
     */
    public record Receipt(RecordId recordId, Hash32 salt, Hash32 leaf, Hash32 root, List<Hash32> proof, Hash32 batchKey,
            String txHash, long blockNumber) {
    }

    /** The outcome of checking a record against the chain, step by step. */
    public record Verification(RecordId recordId, boolean contentMatchesLeaf, boolean proofMatchesRoot,
            boolean rootOnChain, boolean contractVerifies, Receipt receipt) {
        public boolean verified() {
            return contentMatchesLeaf && proofMatchesRoot && rootOnChain && contractVerifies;
        }
    }

    public Result<List<RecordSummary>> list(Account actor, AccountId patient) {
        if (!actor.id().equals(patient)) {
            return Result.fail(ErrorCode.FORBIDDEN, "only the patient may list their records");
        }
        return Result.ok(records.listByPatient(patient));
    }

    public Result<Opened> read(Account actor, RecordId id) {
        Optional<StoredRecord> found = records.find(id);
        if (found.isEmpty() || !found.get().patient().equals(actor.id())) {
            // Same answer for "absent" and "not yours": existence is not disclosed.
            return Result.fail(ErrorCode.RECORD_NOT_FOUND, "no record " + id + " for this account");
        }
        StoredRecord r = found.get();
        if (accounts.custodyOf(actor.id()) == CustodyMode.SELF) {
            return Result.fail(ErrorCode.SELF_CUSTODY_READ_ON_DEVICE,
                    "GET /records/" + id + "/sealed and open it with the key on the device");
        }
        Optional<AccountStore.SealedKeys> sealedKeys = accounts.sealedKeys(actor.id());
        if (sealedKeys.isEmpty()) {
            return Result.fail(ErrorCode.KEY_UNAVAILABLE, "the patient's keys cannot be found");
        }
        byte[] aad = RecordBinding.associatedData(r.id(), r.patient(), r.category());
        return keys.openAsPatient(r.sealed(), aad, sealedKeys.get().encryptionPrivateKey())
                .flatMap(plain -> checkIntegrity(r, plain));
    }

    /**
     * Opens a record through the node-wrapped data key, integrity-checked: only for releases the decision point has
     * permitted and audited.
     */
    public Result<Opened> openForRelease(StoredRecord r) {
        byte[] aad = RecordBinding.associatedData(r.id(), r.patient(), r.category());
        return keys.open(r.sealed(), aad).flatMap(plain -> checkIntegrity(r, plain));
    }

    public Result<Receipt> receipt(Account actor, RecordId id) {
        Optional<StoredRecord> found = records.find(id);
        if (found.isEmpty() || !found.get().patient().equals(actor.id())) {
            return Result.fail(ErrorCode.RECORD_NOT_FOUND, "no record " + id + " for this account");
        }
        return receiptOf(found.get());
    }

    /** The record's salt, opened from its sealed form; {@code RECORD_TAMPERED} if it was altered or moved. */
    private Result<Hash32> salt(StoredRecord r) {
        return keys.openValue(r.sealedSalt(), RecordBinding.saltAssociatedData(r.id()))
                .flatMap(s -> s.length == SALT_BYTES ? Result.ok(Hash32.of(s)) : tampered(r));
    }

    /**
     * The proof of one reading of a device batch record ({@link ReadingLeaves}), for its owner: the reading's own salt
     * and leaf, and the path from that leaf to the anchored root (inside the record's tree, then the batch's). Whoever
     * holds the reading computes its hash and checks it with this receipt alone, revealing no other reading.
     */
    public Result<ReadingReceipt> readingReceipt(Account actor, RecordId id, int index) {
        return read(actor, id).flatMap(opened -> receiptOf(opened.record()).flatMap(rc -> {
            StoredRecord r = opened.record();
            if (index < 0 || index >= r.readingLeaves().size()) {
                return Result.fail(ErrorCode.RECORD_NOT_FOUND, "record " + id + " has no reading " + index);
            }
            Hash32 salt = rc.salt();
            MerkleTree inner = ReadingLeaves.tree(salt, Hashing.sha256(opened.json()), r.readingLeaves());
            List<Hash32> proof = new ArrayList<>(inner.proof(index + 1));
            proof.addAll(rc.proof());
            return Result.ok(new ReadingReceipt(id, index, ReadingLeaves.readingSalt(salt, index),
                    r.readingLeaves().get(index), rc.root(), List.copyOf(proof), rc.batchKey(), rc.txHash(),
                    rc.blockNumber()));
        }));
    }

    /** One reading's place on chain: its salt and leaf, the proof to the batch root, and the anchor. */
    public record ReadingReceipt(RecordId recordId, int index, Hash32 salt, Hash32 leaf, Hash32 root,
            List<Hash32> proof, Hash32 batchKey, String txHash, long blockNumber) {
    }

    /** Decrypts, recomputes the leaf, checks the proof against the batch root and the root against the chain. */
    public Result<Verification> verify(Account actor, RecordId id) {
        return read(actor, id).flatMap(opened -> receiptOf(opened.record()).map(rc -> {
            boolean proofOk = MerkleTree.verify(rc.root(), rc.leaf(), rc.proof());
            Optional<AnchorTx> onChain = ledger.findAnchor(rc.batchKey());
            boolean rootOk = onChain.isPresent() && onChain.get().root().equals(rc.root());
            boolean contractOk = rootOk && ledger.verifyInclusion(rc.batchKey(), rc.leaf(), rc.proof());
            return new Verification(id, true, proofOk, rootOk, contractOk, rc);
        }));
    }

    private Result<Receipt> receiptOf(StoredRecord r) {
        Optional<Anchoring> a = r.anchoring();
        if (a.isEmpty() || !a.get().mined()) {
            return Result.fail(ErrorCode.NOT_YET_ANCHORED, "record " + r.id() + " is waiting for its batch anchor");
        }
        return salt(r).map(salt -> new Receipt(r.id(), salt, r.leaf(), a.get().root(), a.get().proof(),
                a.get().batchKey(), a.get().txHash().orElseThrow(), a.get().blockNumber().orElseThrow()));
    }

    private Result<Opened> checkIntegrity(StoredRecord r, byte[] plain) {
        return salt(r).flatMap(salt -> ReadingLeaves.recordLeaf(salt, Hashing.sha256(plain), r.readingLeaves())
                .equals(r.leaf()) ? Result.ok(new Opened(r, plain)) : tampered(r));
    }

    private static <T> Result<T> tampered(StoredRecord r) {
        return Result.fail(ErrorCode.RECORD_TAMPERED,
                "record " + r.id() + " does not match its stored hash; it is not served");
    }
}
