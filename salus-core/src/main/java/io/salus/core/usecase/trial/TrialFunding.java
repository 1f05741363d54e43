package io.salus.core.usecase.trial;

import io.salus.core.account.Account;
import io.salus.core.anchor.TxRef;
import io.salus.core.error.ErrorCode;
import io.salus.core.error.Result;
import io.salus.core.merkle.Hash32;
import io.salus.core.merkle.Hashing;
import io.salus.core.outbox.OutboxEntry;
import io.salus.core.port.AccountStore;
import io.salus.core.port.KeyManager;
import io.salus.core.port.Outbox;
import io.salus.core.port.TrialLedger;
import io.salus.core.port.TrialStore;
import io.salus.core.trial.Study;
import io.salus.core.trial.StudyStatus;
import io.salus.core.trial.TrialOutbox;
import io.salus.core.usecase.deal.DealAccess;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.Map;

/**
 * Delivers a study's funding message: the sponsor's approve and fund, signed with the sponsor's custodial key, the
 * ResearchStudy's SHA-256 as the protocol hash. Funded: the study is marked so and the message completed. A refusal
 * that may pass (too few tokens) leaves the message pending for the worker; any other refusal completes it with the
 * reason; a chain fault leaves everything as it was. Thread-safe.
 */
public final class TrialFunding {
    private final TrialStore store;
    private final TrialLedger ledger;
    private final AccountStore accounts;
    private final KeyManager keys;
    private final Outbox outbox;
    private final Clock clock;

    public TrialFunding(TrialStore store, TrialLedger ledger, AccountStore accounts, KeyManager keys, Outbox outbox,
            Clock clock) {
        this.store = store;
        this.ledger = ledger;
        this.accounts = accounts;
        this.keys = keys;
        this.outbox = outbox;
        this.clock = clock;
    }

    /** The protocol hash the escrow records: SHA-256 of the ResearchStudy JSON. */
    public static Hash32 protocolHash(Study s) {
        return Hashing.sha256(s.researchStudyJson().getBytes(StandardCharsets.UTF_8));
    }

    /** Funds the study now; the study as it stands afterwards (still unfunded, with the reason, on a refusal). */
    public Study fund(Study s) {
        if (s.status() != StudyStatus.UNFUNDED) {
            return s;
        }
        Account sponsor = accounts.find(s.sponsor()).orElseThrow();
        Result<TxRef> tx = DealAccess.withSigningKey(accounts, keys, sponsor,
                key -> ledger.fund(s.id(), s.terms(), protocolHash(s), key));
        if (tx.isOk()) {
            store.funded(s.id(), tx.orElseThrow().txHash(), clock.instant());
        } else {
            boolean retry = tx.failure().code() == ErrorCode.TRIAL_INSUFFICIENT_FUNDS;
            store.fundingFailed(s.id(), tx.failure().detail());
            if (!retry) {
                outbox.completeByKey(TrialOutbox.FUND, s.id().hex(), Map.of("error", tx.failure().detail()),
                        clock.instant());
            }
        }
        return store.find(s.id()).orElseThrow();
    }

    /** The worker's delivery of one due funding message. */
    void deliver(OutboxEntry e) {
        Hash32 id = Hash32.fromHex(e.message().idempotencyKey());
        Study s = store.find(id).orElse(null);
        if (s == null || s.status() != StudyStatus.UNFUNDED) {
            outbox.complete(e.id(), Map.of("status", s == null ? "gone" : s.status().name()), clock.instant());
            return;
        }
        Study after = fund(s);
        if (after.status() == StudyStatus.UNFUNDED && after.fundingError().isPresent()) {
            outbox.retryLater(e.id(), after.fundingError().get(), clock.instant().plusSeconds(30));
        }
    }
}
