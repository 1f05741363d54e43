package io.salus.core.move;

import io.salus.core.account.AccountId;
import io.salus.core.account.EvmAddress;
import io.salus.core.merkle.Hash32;
import io.salus.core.outbox.OutboxMessage;
import io.salus.core.port.KeyManager.AccountKeys;
import io.salus.core.record.SealedRecord;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** Port: the bank moves of a node, leaving (outgoing) and arriving (incoming), in PostgreSQL. Thread-safe. */
public interface BankMoveStore {

    /** Records an outgoing move and its outbox message in one transaction; false if the patient has one already. */
    boolean begin(AccountId patient, EvmAddress to, OutboxMessage message, Instant at);

    Optional<Outgoing> outgoing(AccountId patient);

    void noteError(AccountId patient, String error);

    /** The hash of the patient's API token (it moves with the bank). */
    Optional<Hash32> apiTokenHash(AccountId patient);

    /**
     * After the receiving node acknowledged and the records were erased to tombstones: the move {@code MOVED} with
     * the acknowledged count and root, the account marked moved and its private keys deleted. Idempotent.
     */
    void finish(AccountId patient, int records, Hash32 root, Instant at);

    Optional<Incoming> incoming(EvmAddress patient);

    /**
     * In one transaction: the account (same id, address, DID and API token hash, keys sealed under this node's KEK,
     * registered by the move's transaction), one deposit per moved deposit, the batches not known here, the records
     * re-sealed with their ids, leaves and proofs, and the import with its acknowledgement.
     */
    void importBank(Import i);

    /** A patient's move as one node knows it: leaving it, or arrived at it. */
    sealed interface Move permits Outgoing, Incoming {}

    /** An outgoing move as recorded. */
    record Outgoing(AccountId patient, EvmAddress to, String status, Instant startedAt, Optional<Instant> movedAt,
            Optional<Integer> records, Optional<Hash32> root, Optional<String> lastError) implements Move {
    }

    /** An incoming move as recorded. */
    record Incoming(AccountId patient, EvmAddress from, int records, Hash32 root, Instant importedAt, MoveAck ack)
            implements
                Move {
    }

    /** What an import writes. */
    record Import(MovePackage pkg, AccountKeys keys, List<Resealed> records, MoveAck ack,
            Instant at) {
        public Import {
            records = List.copyOf(records);
        }
    }

    /** A moved record sealed again under this node's KEK and to the patient's key. */
    record Resealed(MovedRecord record, SealedRecord sealed, byte[] sealedSalt) {
    }
}
