package io.salus.node.demo;

import static org.assertj.core.api.Assertions.assertThat;

import io.salus.core.account.Account;
import io.salus.core.account.AccountKind;
import io.salus.core.usecase.DepositService;
import io.salus.node.it.SharedNode;
import io.salus.node.wiring.Node;
import io.salus.testkit.Bundles;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** The demo's claim story (part of every {@code ./salus demo}) on the shared node: a claim approved, anchored and paid; one over the limit refused. */
class DemoClaimsIT {

    @Test
    void theDemoClaim_isApprovedAnchoredAndPaid_andTheSecondIsRefusedOverTheLimit() throws InterruptedException {
        Node node = SharedNode.node();
        Account patient = node.accounts().open(AccountKind.PATIENT, "Demo claims patient").orElseThrow().account();
        node.deposits().deposit(new DepositService.Command(patient, patient.id(), Bundles.patientWithObservations(
                "demo-claims-" + UUID.randomUUID(), 1), Optional.empty(), "test")).orElseThrow();
        ByteArrayOutputStream buffer = new ByteArrayOutputStream();
        List<String> lines = new DemoClaims(node, new PrintStream(buffer, true, StandardCharsets.UTF_8))
                .run(patient, (role, kind, name) -> node.accounts().open(kind, name).orElseThrow().account());
        assertThat(buffer.toString(StandardCharsets.UTF_8)).isEqualTo(String.join(System.lineSeparator(), lines)
                + System.lineSeparator());
        assertThat(lines).anySatisfy(l -> assertThat(l).contains("APPROVED, 120.50 tokens asked, 120.5 approved"))
                .anySatisfy(l -> assertThat(l).contains("120.5 tokens paid to Demo family physician (DEMO)")
                        .doesNotContain("(pending)"))
                .anySatisfy(l -> assertThat(l).contains("REFUSED (amount-over-limit)"))
                .anySatisfy(l -> assertThat(l).contains("by the patient: 2, the insurer: 2, the physician: 2"));
        ByteArrayOutputStream summary = new ByteArrayOutputStream();
        DemoReport.print(new PrintStream(summary, true, StandardCharsets.UTF_8), new DemoSummary(1, 1, 0, 1, Map.of(),
                1, 1, 1, 1, 1, 0, patient.id().toString(), "token", "", Map.of(), "client", lines), "http://node",
                "operator.token");
        assertThat(summary.toString(StandardCharsets.UTF_8)).as("the default demo prints the claim paid in its summary")
                .contains(lines.stream().filter(l -> l.startsWith("Claim payout")).findFirst().orElseThrow());
    }
}
