package io.salus.node.demo;

import io.salus.core.account.Account;
import io.salus.core.account.AccountKind;
import io.salus.core.error.Result;
import io.salus.core.port.RecordStore;
import io.salus.core.record.RecordSummary;
import io.salus.core.usecase.AccountService;
import io.salus.core.usecase.DepositReceipt;
import io.salus.core.usecase.DepositService;
import io.salus.core.usecase.RecordService;
import io.salus.node.config.Setting;
import io.salus.node.wiring.Node;
import io.salus.testkit.Fixtures;
import java.io.PrintStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;

/**
 * The demo: a hospital and one patient per fixture bundle, each bundle deposited by the hospital for its patient, and
 * the deal's research volunteers ({@link DemoCohort}), anchored, and every record's proof verified against the
 * chain. Safe to run again on the same data directory: the
 * accounts are reused and the deposits are idempotent by key.
 */
public final class Demo {
    /**
     * The demo's settings, in place of the defaults: a 10-second recovery waiting period instead of 48 hours, so that
     * the recovery story completes within the demo (it says so when it runs).
     * The lab's privacy budget has room for its four releases (the deal story's and the DAO story's two deals after
     * the vote).
     */
    public static final Map<String, String> SETTINGS = Map.of(Setting.RECOVERY_WAITING_SECONDS.key(), "10",
            Setting.MQTT_ENABLED.key(), "true", Setting.MQTT_PORT.key(), "0", Setting.PRIVACY_BUDGET.key(), "4");
    private static final Duration ANCHOR_WAIT = Duration.ofMinutes(5);
    private final Node node;
    private final PrintStream out;

    public Demo(Node node, PrintStream out) {
        this.node = node;
        this.out = out;
    }

    public DemoSummary run() throws InterruptedException {
        DemoAccounts saved = DemoAccounts.load(node.settings().dataDir());
        AccountService accounts = node.accounts();
        DemoAccounts.Entry hospital = ensure(saved, "hospital", AccountKind.HOSPITAL, "Demo General Hospital (DEMO)");
        Account hospitalAccount = accounts.find(hospital.id()).orElseThrow();
        List<String> fixtures = Fixtures.syntheaBundles();
        List<DemoAccounts.Entry> patients = new ArrayList<>();
        int deposits = 0;
        int replayed = 0;
        try (ProgressBar bar = bar("Depositing", fixtures.size())) {
            for (int i = 0; i < fixtures.size(); i++) {
                DemoAccounts.Entry p = ensure(saved, "patient." + (i + 1), AccountKind.PATIENT,
                        "Demo patient " + (i + 1) + " (DEMO)");
                patients.add(p);
                accounts.linkProvider(node.operator(), p.id(), hospital.id()).orElseThrow();
                Result<DepositReceipt> r = node.deposits().deposit(new DepositService.Command(hospitalAccount, p.id(),
                        Fixtures.bytes(fixtures.get(i)), Optional.of("demo-" + fixtures.get(i)), "demo-fixture"));
                DepositReceipt receipt = r.orElseThrow();
                deposits++;
                replayed += receipt.replayed() ? 1 : 0;
                bar.step();
            }
        }
        DemoConsent.EnsureAccount ensureAccount = (role, kind, name) -> accounts
                .find(ensure(saved, role, kind, name).id()).orElseThrow();
        List<Account> volunteers = new DemoCohort(node).ensure(ensureAccount, hospitalAccount, 100);
        new DemoWearable(node, out).run(accounts.find(patients.get(0).id()).orElseThrow(), ensureAccount.apply(
                "caregiver", AccountKind.CAREGIVER, "Demo caregiver (DEMO)"));
        awaitAnchoring();
        long verified = 0;
        long failed = 0;
        String sampleRecord = "";
        RecordService records = node.records();
        long total = node.recordStore().stats().records();
        List<Account> everyone = new ArrayList<>(patients.stream().map(p -> accounts.find(p.id()).orElseThrow())
                .toList());
        everyone.addAll(volunteers);
        try (ProgressBar bar = bar("Verifying proofs on chain", total)) {
            for (Account patient : everyone) {
                for (RecordSummary rs : records.list(patient, patient.id()).orElseThrow()) {
                    var v = records.verify(patient, rs.id());
                    if (v.isOk() && v.orElseThrow().verified()) {
                        verified++;
                        sampleRecord = sampleRecord.isEmpty() ? rs.id().toString() : sampleRecord;
                    } else {
                        failed++;
                    }
                    bar.step();
                }
            }
        }
        out.println();
        new DemoConsent(node, out).run(accounts.find(patients.get(0).id()).orElseThrow(), ensureAccount);
        new DemoCredential(node, out).run(ensureAccount);
        new DemoDeal(node, out).run(ensureAccount.apply("researcher", AccountKind.CONSUMER,
                "Demo university lab (DEMO)"), hospitalAccount, volunteers);
        new DemoJob(node, out).run(ensureAccount);
        new DemoRecovery(node, out).run(accounts.find(patients.get(patients.size() - 1).id()).orElseThrow(),
                ensureAccount);
        new DemoEmergency(node, out).run(accounts.find(patients.get(0).id()).orElseThrow(), ensureAccount);
        new DemoTrial(node, out).run(ensureAccount, volunteers);
        List<String> claimLines = new DemoClaims(node, out).run(accounts.find(patients.get(0).id()).orElseThrow(),
                ensureAccount);
        new DemoRisk(node, out).run(accounts.find(patients.get(0).id()).orElseThrow());
        new DemoCustody(node, out).run(hospitalAccount);
        new DemoDao(node, out).run(ensureAccount.apply("researcher", AccountKind.CONSUMER,
                "Demo university lab (DEMO)"), volunteers);
        RecordStore.Stats s = node.recordStore().stats();
        DemoAccounts.Entry first = patients.isEmpty() ? hospital : patients.get(0);
        Map<String, String> signIns = new LinkedHashMap<>();
        signIns.put("patient portal", first.token());
        signIns.put("consumer portal", ensure(saved, "researcher", AccountKind.CONSUMER,
                "Demo university lab (DEMO)").token());
        signIns.put("carers' portal", ensure(saved, "caregiver", AccountKind.CAREGIVER, "Demo caregiver (DEMO)")
                .token());
        signIns.put("auditor view", ensure(saved, "auditor", AccountKind.AUDITOR, "Demo auditor (DEMO)").token());
        return new DemoSummary(patients.size(), deposits, replayed, s.records(), s.recordsByCategory(), s.batches(),
                s.anchoredBatches(), s.anchorGas(), total, verified, failed, first.id().toString(), first.token(),
                sampleRecord, signIns, DemoSmartApp.ensure(node), claimLines);
    }

    private DemoAccounts.Entry ensure(DemoAccounts saved, String role, AccountKind kind, String name) {
        Optional<DemoAccounts.Entry> known = saved.get(role)
                .filter(e -> node.accounts().find(e.id()).isPresent());
        if (known.isPresent()) {
            return known.get();
        }
        AccountService.Opened opened = node.accounts().open(kind, name).orElseThrow();
        DemoAccounts.Entry e = new DemoAccounts.Entry(opened.account().id(), opened.apiToken());
        saved.put(role, e);
        return e;
    }

    private void awaitAnchoring() throws InterruptedException {
        RecordStore store = node.recordStore();
        long total = store.stats().records();
        long deadline = System.nanoTime() + ANCHOR_WAIT.toNanos();
        try (ProgressBar bar = bar("Anchoring on chain", total)) {
            while (true) {
                long anchored = store.stats().anchoredRecords();
                bar.stepTo(anchored);
                if (anchored >= total) {
                    return;
                }
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException("records still unanchored after " + ANCHOR_WAIT
                            + "; see the node log and /health");
                }
                Thread.sleep(200);
            }
        }
    }

    private ProgressBar bar(String task, long max) {
        return new ProgressBarBuilder().setTaskName(task).setInitialMax(max).setStyle(ProgressBarStyle.ASCII)
                .setConsumer(new me.tongfei.progressbar.ConsoleProgressBarConsumer(out)).setUpdateIntervalMillis(200)
                .continuousUpdate().build();
    }
}
