package io.salus.node.demo;

import io.salus.core.account.Account;
import io.salus.core.account.AccountKind;
import io.salus.core.error.Result;
import io.salus.core.record.RecordSummary;
import io.salus.core.recovery.RecoveryCompletion;
import io.salus.core.recovery.RecoveryService;
import io.salus.node.wiring.Node;
import java.io.PrintStream;
import java.util.List;

/**
 * The demo's key recovery: a patient names three guardians with k = 2, loses their key, two guardians approve on
 * chain (after one approval completion is refused), the key is rotated, the data keys re-wrapped, and the records
 * still open with the new key.
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
        RecoveryService.Opened opened = node.recovery().open(patient.id()).orElseThrow();
        out.printf("Recovery            key lost: recovery opened on chain (request %d), new key pair made%n",
                opened.request().chainRequestId());
        var one = node.recovery().approve(guardians.get(0), opened.request().id()).orElseThrow();
        Result<RecoveryCompletion.Completed> early = node.recoveryCompletion().complete(opened.request().id(),
                opened.claim());
        out.printf("Recovery            %s approved: %d of %d on chain; completing now: %s%n",
                guardians.get(0).displayName(), one.chain().approvals(), one.chain().threshold(),
                early.isOk() ? "COMPLETED (unexpected!)" : "REFUSED " + early.failure().code().code());
        var two = node.recovery().approve(guardians.get(1), opened.request().id()).orElseThrow();
        out.printf("Recovery            %s approved: %d of %d on chain%n", guardians.get(1).displayName(),
                two.chain().approvals(), two.chain().threshold());
        RecoveryCompletion.Completed done = node.recoveryCompletion().complete(opened.request().id(), opened.claim())
                .orElseThrow();
        Account rotated = node.accounts().find(patient.id()).orElseThrow();
        List<RecordSummary> records = node.records().list(rotated, rotated.id()).orElseThrow();
        long open = records.stream().filter(s -> node.records().read(rotated, s.id()).isOk()).count();
        boolean newToken = node.accounts().authenticate(done.apiToken()).isPresent();
        out.printf("Recovery            key rotated, %d data keys re-wrapped to it; new API token %s; %d of %d "
                + "records open with the new key%n", done.rewrapped(), newToken ? "works" : "REFUSED (unexpected!)",
                open, records.size());
    }
}
