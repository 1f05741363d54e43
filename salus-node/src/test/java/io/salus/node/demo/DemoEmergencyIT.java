package io.salus.node.demo;

import static org.assertj.core.api.Assertions.assertThat;

import io.salus.core.account.Account;
import io.salus.core.account.AccountKind;
import io.salus.core.usecase.DepositService;
import io.salus.node.it.SharedNode;
import io.salus.node.wiring.Node;
import io.salus.testkit.EmergencyBundles;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** The demo's break-the-glass story on the shared node: refused without a credential, opened, notified, reviewed. */
class DemoEmergencyIT {

    @Test
    void theDemoBreakGlass_refusesTheUncredentialed_opensTheProfile_notifiesThePatient_andIsReviewed() {
        Node node = SharedNode.node();
        Account patient = node.accounts().open(AccountKind.PATIENT, "Demo ER patient").orElseThrow().account();
        node.deposits().deposit(new DepositService.Command(patient, patient.id(),
                EmergencyBundles.patient("demo-er-" + UUID.randomUUID()), Optional.empty(), "test")).orElseThrow();
        ByteArrayOutputStream buffer = new ByteArrayOutputStream();
        PrintStream out = new PrintStream(buffer, true, StandardCharsets.UTF_8);
        new DemoEmergency(node, out).run(patient,
                (role, kind, name) -> node.accounts().open(kind, name + " " + role).orElseThrow().account());
        String printed = buffer.toString(StandardCharsets.UTF_8);
        assertThat(printed).contains("without an emergency credential: REFUSED SALUS-1902")
                .contains("1 allergies and intolerances, 1 medication summary, 1 problem list, 1 results (blood group)")
                .contains("5 AuditEvents (ETREAT, BTG)")
                .contains("patient notified  Emergency access to Demo ER patient")
                .contains("marked it JUSTIFIED").doesNotContain("unexpected");
    }
}
