package io.salus.core.usecase.study;

import io.salus.core.account.Account;
import io.salus.core.error.ErrorCode;
import io.salus.core.error.Result;
import io.salus.core.merkle.Hash32;
import io.salus.core.port.AccountStore;
import io.salus.core.port.KeyManager;
import io.salus.core.port.StudyPayoutLedger;
import io.salus.core.port.StudyStore;
import io.salus.core.study.Study;
import io.salus.core.study.StudyPart;
import io.salus.core.usecase.deal.DealAccess;
import io.salus.core.usecase.deal.ReleaseGates;
import java.util.List;

/**
 * Pays a trained study's other members' parts (decision 0037) from StudyPayouts: declares the stored parts (each
 * member's root and cap), funds them from the consumer's custodial key (price × payees) and pays every part's unpaid
 * payees. Each step first reads the chain, so a retry after a crash or a refusal continues where it stopped and pays
 * nobody twice. And the deal's release gate: a deal a study's parts hang on is settled (its key, the model's,
 * released) only once StudyPayouts says every part is paid. Thread-safe (settlements at this node are serialised).
 */
public final class StudySettlement implements ReleaseGates.Gate {
    private final StudyStore store;
    private final StudyPayoutLedger ledger;
    private final AccountStore accounts;
    private final KeyManager keys;

    public StudySettlement(StudyStore store, StudyPayoutLedger ledger, AccountStore accounts, KeyManager keys) {
        this.store = store;
        this.ledger = ledger;
        this.accounts = accounts;
        this.keys = keys;
    }

    /** Pays the study's parts; true once every part is paid (a study without parts: at once). */
    public synchronized Result<Boolean> payParts(Account consumer, Study s) {
        List<StudyPart> parts = store.parts(s.id());
        if (parts.isEmpty()) {
            return Result.ok(true);
        }
        Hash32 key = StudyPart.studyKey(s.id());
        List<StudyPayoutLedger.Part> declared = parts.stream().map(p -> new StudyPayoutLedger.Part(p.member(),
                p.root(s.id()), p.payouts().size())).toList();
        Result<?> ready = ledger.declare(key, s.deal(), declared).flatMap(tx -> DealAccess.withSigningKey(accounts,
                keys, consumer, k -> ledger.fund(key, k)));
        if (!ready.isOk()) {
            return ready.propagate();
        }
        for (StudyPart p : parts) {
            Result<?> paid = ledger.settlePart(key, p.member(), p.proven(s.id()));
            if (!paid.isOk()) {
                return paid.propagate();
            }
        }
        return paidAll(s);
    }

    @Override
    public Result<Boolean> mayRelease(Hash32 dealId) {
        for (Study s : store.byDeal(dealId)) {
            if (!store.parts(s.id()).isEmpty()) {
                Result<Boolean> paid = paidAll(s);
                if (!paid.isOk()) {
                    return paid;
                }
            }
        }
        return Result.ok(true);
    }

    private Result<Boolean> paidAll(Study s) {
        return ledger.settled(StudyPart.studyKey(s.id()))
                ? Result.ok(true)
                : Result.fail(ErrorCode.STUDY_PARTS_UNSETTLED, "study " + s.id() + ": the other members' payout "
                        + "parts are not all paid on chain (StudyPayouts " + StudyPart.studyKey(s.id()).hex()
                        + "): the model's key is not released");
    }
}
