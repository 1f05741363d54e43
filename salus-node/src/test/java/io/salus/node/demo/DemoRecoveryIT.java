package io.salus.node.demo;

import static org.assertj.core.api.Assertions.assertThat;

import io.salus.core.account.Account;
import io.salus.core.account.AccountKind;
import io.salus.core.usecase.DepositService;
import io.salus.node.it.SharedNode;
import io.salus.node.wiring.Node;
import io.salus.testkit.Fixtures;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The demo's recovery story on the shared node: refused after one approval, done after two, records still open. */
class DemoRecoveryIT {

    @Test
    void theDemoRecovery_isRefusedAfterOneApprovalAndRotatesTheKeyAfterTwo() {
        Node node = SharedNode.node();
        Account patient = node.accounts().open(AccountKind.PATIENT, "Demo recovery patient").orElseThrow().account();
        Account hospital = node.accounts().open(AccountKind.HOSPITAL, "Demo recovery hospital").orElseThrow()
                .account();
        node.accounts().linkProvider(node.operator(), patient.id(), hospital.id()).orElseThrow();
        String fixture = Fixtures.syntheaBundles().get(0);
        node.deposits().deposit(new DepositService.Command(hospital, patient.id(), Fixtures.bytes(fixture),
                Optional.empty(), "test")).orElseThrow();
        ByteArrayOutputStream buffer = new ByteArrayOutputStream();
        PrintStream out = new PrintStream(buffer, true, StandardCharsets.UTF_8);
        new DemoRecovery(node, out).run(patient,
                (role, kind, name) -> node.accounts().open(kind, name).orElseThrow().account());
        String printed = buffer.toString(StandardCharsets.UTF_8);
        assertThat(printed).contains("REFUSED SALUS-0725").contains("2 of 2 on chain").contains("new API token works")
                .doesNotContain("unexpected");
        int records = node.records().list(node.accounts().find(patient.id()).orElseThrow(), patient.id())
                .orElseThrow().size();
        assertThat(printed).contains(records + " of " + records + " records open with the new key");
    }
}
