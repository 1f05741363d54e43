package io.salus.node.demo;

import static org.assertj.core.api.Assertions.assertThat;

import io.salus.core.account.Account;
import io.salus.core.account.AccountKind;
import io.salus.node.it.SharedNode;
import io.salus.node.wiring.Node;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/**
 * The demo's wearable on the shared node (MQTT on): the signed batches over MQTT, the copy and the forgery, the
 * tachycardia alert, and the demo caregiver (delegated RECEIVE_ALERTS) seeing that alert in their inbox, the same
 * use case as the carers' portal; an unrelated caregiver's inbox stays empty.
 */
class DemoWearableIT {

    @Test
    void theDemoWearable_raisesTheTachycardiaAlert_thatTheDelegatedCaregiverSees() throws InterruptedException {
        Node node = SharedNode.node();
        Account patient = node.accounts().open(AccountKind.PATIENT, "Demo wearable patient").orElseThrow().account();
        Account caregiver = node.accounts().open(AccountKind.CAREGIVER, "Demo wearable caregiver").orElseThrow()
                .account();
        Account stranger = node.accounts().open(AccountKind.CAREGIVER, "Unrelated caregiver").orElseThrow()
                .account();
        ByteArrayOutputStream buffer = new ByteArrayOutputStream();
        new DemoWearable(node, new PrintStream(buffer, true, StandardCharsets.UTF_8)).run(patient, caregiver);
        String printed = buffer.toString(StandardCharsets.UTF_8);

        assertThat(printed).contains("delegated RECEIVE_ALERTS to Demo wearable caregiver")
                .containsPattern("batches 1-3 \\[accepted, accepted, accepted\\], a copy: duplicate, a forgery: "
                        + "refused SALUS-1802")
                .contains("alert raised: ").contains("caregiver Demo wearable caregiver sees the alert")
                .contains("/portal/care").doesNotContain("unexpected");
        assertThat(node.healthAlerts().inbox(caregiver, 20)).extracting(v -> v.alert().patient())
                .containsOnly(patient.id()).isNotEmpty();
        assertThat(node.healthAlerts().inbox(caregiver, 20)).extracting(v -> v.alert().rule().value())
                .contains("tachycardia");
        assertThat(node.healthAlerts().inbox(stranger, 20)).isEmpty();
    }
}
