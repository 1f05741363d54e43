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

/** The demo's self-custody story on the shared node: refused by the node, signed on the device, public keys only. */
class DemoCustodyIT {

    @Test
    void theDemoSelfCustodyPatient_isRefusedByTheNodesSigner_signsOnTheDevice_andTheNodeHoldsPublicKeysOnly() {
        Node node = SharedNode.node();
        Account hospital = node.accounts().open(AccountKind.HOSPITAL, "Demo custody hospital").orElseThrow()
                .account();
        ByteArrayOutputStream buffer = new ByteArrayOutputStream();
        new DemoCustody(node, new PrintStream(buffer, true, StandardCharsets.UTF_8)).run(hospital);
        String printed = buffer.toString(StandardCharsets.UTF_8);
        assertThat(printed).contains("the node's own signing path: REFUSED SALUS-2100")
                .contains("You allow public health to use your vital signs for public health")
                .contains("decrypted on the device").contains("custody self")
                .contains("secp256k1 public key none, private keys: none").doesNotContain("unexpected");
        // run again on the same data directory: the device's key file is reused, the story still holds
        buffer.reset();
        new DemoCustody(node, new PrintStream(buffer, true, StandardCharsets.UTF_8)).run(hospital);
        assertThat(buffer.toString(StandardCharsets.UTF_8)).contains("REFUSED SALUS-2100")
                .contains("private keys: none");
    }
}
