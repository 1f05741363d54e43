package io.salus.core.port;

import io.salus.core.account.AccountId;
import io.salus.core.error.Failure;
import io.salus.core.merkle.Hash32;
import io.salus.core.outbox.OutboxMessage;
import io.salus.core.study.RoundRecord;
import io.salus.core.study.Study;
import io.salus.core.study.StudyPart;
import io.salus.core.study.StudyState;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * Port: the studies a node coordinates and their finished rounds. Each round is stored with its on-chain record in
 * the outbox, in one transaction; state moves are conditional on the state left. Thread-safe.
 */
public interface StudyStore {
    void create(Study study);

    Optional<Study> find(UUID id);

    List<Study> byConsumer(AccountId consumer);

    /** The studies staged or running on a deal. */
    List<Study> byDeal(Hash32 deal);

    List<Study> inState(StudyState state);

    /** Stores a finished round and enqueues its record (idempotent by the round's key). */
    void round(RoundRecord round, OutboxMessage record, Instant at);

    /** The study's rounds, first first. */
    List<RoundRecord> rounds(UUID study);

    /** RUNNING → TRAINED with the staged document's hash; false if the study was not running. */
    boolean trained(UUID study, Hash32 outputHash, Instant at);

    /** RUNNING → FAILED with the reason; false if the study was not running. */
    boolean fail(UUID study, Failure reason, Instant at);

    /** Stores the study's payout parts (decision 0037), once, before the model is staged. */
    void parts(UUID study, List<StudyPart> parts);

    /** The study's payout parts, by member address. */
    List<StudyPart> parts(UUID study);
}
