package io.salus.core.usecase.trial;

import io.salus.core.account.AccountId;
import io.salus.core.anchor.TxRef;
import io.salus.core.error.Result;
import io.salus.core.merkle.Hash32;
import io.salus.core.outbox.OutboxEntry;
import io.salus.core.port.Outbox;
import io.salus.core.port.TrialLedger;
import io.salus.core.port.TrialStore;
import io.salus.core.trial.Enrolment;
import java.time.Clock;
import java.util.HexFormat;
import java.util.Map;
import java.util.UUID;

/**
 * Delivers an enrolment's payment message: TrialEscrow.enrol with the patient's signature, sent by the node. Paid:
 * the enrolment is marked PAID with its transaction (a repeat returns the original transaction, so a retry never
 * pays twice). Refused by the escrow (full, closed, signature): REFUSED with the reason. A chain fault leaves the
 * message pending for the worker. Thread-safe.
 */
public final class TrialPayments {
    private final TrialStore store;
    private final TrialLedger ledger;
    private final Outbox outbox;
    private final Clock clock;

    public TrialPayments(TrialStore store, TrialLedger ledger, Outbox outbox, Clock clock) {
        this.store = store;
        this.ledger = ledger;
        this.outbox = outbox;
        this.clock = clock;
    }

    /** Pays the enrolment now; the enrolment as it stands afterwards. */
    public Enrolment pay(Enrolment e) {
        if (e.status() != Enrolment.Status.PENDING) {
            return e;
        }
        byte[] signature = HexFormat.of().parseHex(e.consentSignature().substring(2));
        Result<TxRef> tx = ledger.enrol(e.study(), e.patientAddress(), e.payee(), signature);
        if (tx.isOk()) {
            store.paid(e.study(), e.patient(), tx.orElseThrow().txHash(), clock.instant());
        } else {
            store.refused(e.study(), e.patient(), tx.failure().code().code() + ": " + tx.failure().detail(),
                    clock.instant());
        }
        return store.enrolment(e.study(), e.patient()).orElseThrow();
    }

    /** The worker's delivery of one due payment message. */
    void deliver(OutboxEntry m) {
        Map<String, String> p = m.message().payload();
        Hash32 study = Hash32.fromHex(p.get("studyId"));
        AccountId patient = new AccountId(UUID.fromString(p.get("patient")));
        store.enrolment(study, patient).ifPresentOrElse(this::pay,
                () -> outbox.complete(m.id(), Map.of("status", "gone"), clock.instant()));
    }
}
