package io.salus.node.demo;

import static org.assertj.core.api.Assertions.assertThat;

import io.salus.node.it.SharedNode;
import io.salus.node.wiring.Node;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** The demo's credential story on the shared node: issued, presented with two claims only, accepted, replay refused. */
class DemoCredentialIT {

    @Test
    void theDemoCredential_isAcceptedOnceWithOnlyTypeAndPurposesDisclosed_andItsReplayIsRefused() {
        Node node = SharedNode.node();
        ByteArrayOutputStream buffer = new ByteArrayOutputStream();
        PrintStream out = new PrintStream(buffer, true, StandardCharsets.UTF_8);
        new DemoCredential(node, out)
                .run((role, kind, name) -> node.accounts().open(kind, name + " " + role).orElseThrow().account());
        String printed = buffer.toString(StandardCharsets.UTF_8);
        assertThat(printed).contains("ACCEPTED as ACADEMIC_RESEARCHER for [HRESCH]")
                .contains("\"consumer_type\":\"ACADEMIC_RESEARCHER\"").contains("\"purposes\":[\"HRESCH\"]")
                .contains("REFUSED SALUS-0710").doesNotContain("unexpected").doesNotContain("organisation");
    }
}
