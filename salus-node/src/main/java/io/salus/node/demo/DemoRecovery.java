package io.salus.node.demo;

import io.salus.core.account.Account;
import io.salus.core.account.AccountKind;
import io.salus.core.error.ErrorCode;
import io.salus.core.error.Result;
import io.salus.core.record.RecordSummary;
import io.salus.core.recovery.RecoveryCompletion;
import io.salus.core.recovery.RecoveryService;
import io.salus.node.wiring.Node;
import java.io.PrintStream;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * The demo's key recovery: a patient names three guardians with k = 2, loses their key, one guardian opens a recovery
 * (nobody else but the operator may), two guardians approve on chain (after one approval completion is refused), the
 * waiting period runs (the demo's is short, {@link Demo#SETTINGS}; it is 48 hours by default) while the patient and
 * every guardian have been alerted, then the key is rotated, the data keys re-wrapped, and the records still open with
 * the new key.
 */
final class DemoRecovery {
    private final Node node;
    private final PrintStream out;

    DemoRecovery(Node node, PrintStream out) {
        this.node = node;
        this.out = out;
    }

    void run(Account patient, DemoConsent.EnsureAccount ensure) {
        List<Account> guardians = List.of(
                ensure.apply("guardian.caregiver", AccountKind.CAREGIVER, "Demo guardian: daughter (DEMO)"),
                ensure.apply("guardian.physician", AccountKind.PHYSICIAN, "Demo guardian: family doctor (DEMO)"),
                ensure.apply("guardian.friend", AccountKind.PATIENT, "Demo guardian: friend (DEMO)"));
        var set = node.recovery().setGuardians(patient, patient.id(), guardians.stream().map(Account::id).toList(), 2)
                .orElseThrow();
        out.printf("Recovery            %s named %d guardians, k=%d: key split (Shamir), one share sealed to each, "
                + "set on chain (epoch %d)%n", patient.displayName(), set.guardians().size(), set.threshold(),
                set.epoch());
        RecoveryService.Opened opened = node.recovery().open(guardians.get(0), patient.id()).orElseThrow();
        out.printf("Recovery            key lost: %s opened a recovery on chain (request %d), new key pair made; the "
                + "patient and the %d guardians were alerted%n", guardians.get(0).displayName(),
                opened.request().chainRequestId(), guardians.size());
        var one = node.recovery().approve(guardians.get(0), opened.request().id()).orElseThrow();
        Result<RecoveryCompletion.Completed> early = node.recoveryCompletion().complete(opened.request().id(),
                opened.claim());
        out.printf("Recovery            %s approved: %d of %d on chain; completing now: %s%n",
                guardians.get(0).displayName(), one.chain().approvals(), one.chain().threshold(),
                early.isOk() ? "COMPLETED (unexpected!)" : "REFUSED " + early.failure().code().code());
        var two = node.recovery().approve(guardians.get(1), opened.request().id()).orElseThrow();
        Result<RecoveryCompletion.Completed> waiting = node.recoveryCompletion().complete(opened.request().id(),
                opened.claim());
        Duration period = node.settings().recoveryWaitingPeriod();
        out.printf("Recovery            %s approved: %d of %d on chain; completing now: %s (waiting period %d s in "
                + "this demo, 48 hours by default: the patient can cancel until %s)%n", guardians.get(1).displayName(),
                two.chain().approvals(), two.chain().threshold(),
                waiting.isOk() ? "COMPLETED (unexpected!)" : "REFUSED " + waiting.failure().code().code(),
                period.toSeconds(), two.completableAt().map(Object::toString).orElse("?"));
        RecoveryCompletion.Completed done = completeAfterWaiting(opened);
        Account rotated = node.accounts().find(patient.id()).orElseThrow();
        List<RecordSummary> records = node.records().list(rotated, rotated.id()).orElseThrow();
        long open = records.stream().filter(s -> node.records().read(rotated, s.id()).isOk()).count();
        boolean newToken = node.accounts().authenticate(done.apiToken()).isPresent();
        out.printf("Recovery            key rotated, %d data keys re-wrapped to it; new API token %s; %d of %d "
                + "records open with the new key; %d recovery alerts sent to the patient%n", done.rewrapped(),
                newToken ? "works" : "REFUSED (unexpected!)", open, records.size(),
                node.recovery().alerts(rotated, 100).size());
    }

    /** Completes once the waiting period has passed (polling, as a client retrying after Retry-After would). */
    private RecoveryCompletion.Completed completeAfterWaiting(RecoveryService.Opened opened) {
        Instant giveUp = Instant.now().plus(node.settings().recoveryWaitingPeriod()).plusSeconds(60);
        while (true) {
            Result<RecoveryCompletion.Completed> r = node.recoveryCompletion().complete(opened.request().id(),
                    opened.claim());
            if (r.isOk() || r.failure().code() != ErrorCode.RECOVERY_WAITING || Instant.now().isAfter(giveUp)) {
                return r.orElseThrow();
            }
            try {
                Thread.sleep(500);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return r.orElseThrow();
            }
        }
    }
}
