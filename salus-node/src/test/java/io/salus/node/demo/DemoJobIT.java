package io.salus.node.demo;

import static org.assertj.core.api.Assertions.assertThat;

import io.salus.core.account.Account;
import io.salus.core.account.AccountKind;
import io.salus.core.consent.AttestationType;
import io.salus.node.it.SharedNode;
import io.salus.node.wiring.Node;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The demo's compute job on the shared node: a released mean of the volunteers' glucose, readable after settlement. */
class DemoJobIT {

    @Test
    void theDemoJob_printsAReleasedMeanAfterSettlement() throws Exception {
        Node node = SharedNode.node();
        Map<String, Account> made = new HashMap<>();
        DemoConsent.EnsureAccount ensure = (role, kind, name) -> made.computeIfAbsent(role,
                r -> node.accounts().open(kind, name + " " + r).orElseThrow().account());
        Account board = ensure.apply("issuer", AccountKind.ISSUER, "Job board");
        node.attestations().trust(node.operator(), board, AttestationType.ACADEMIC_RESEARCHER.mask()).orElseThrow();
        Account hospital = ensure.apply("hospital", AccountKind.HOSPITAL, "Job hospital");
        new DemoCohort(node).ensure(ensure, hospital, 100);
        ByteArrayOutputStream buffer = new ByteArrayOutputStream();

        new DemoJob(node, new PrintStream(buffer, true, StandardCharsets.UTF_8)).run(ensure);

        String printed = buffer.toString(StandardCharsets.UTF_8);
        assertThat(printed).contains("state RELEASED").contains("\"algorithm\":\"mean\"").contains("\"mean\":")
                .contains("volunteers paid").doesNotContain("not released");
    }
}
