package io.salus.node.demo;

import static org.assertj.core.api.Assertions.assertThat;

import io.salus.core.account.Account;
import io.salus.core.account.AccountKind;
import io.salus.core.consent.AttestationType;
import io.salus.core.consent.Payloads;
import io.salus.core.consent.Purpose;
import io.salus.node.it.SharedNode;
import io.salus.node.wiring.Node;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The {@code --dao} demo story on the shared node, as {@code ./salus demo --dao} tells it: three volunteers admitted by
 * zero-knowledge proofs (a second proof of the first refused), a quadratic vote with an overspend refused, the floor
 * raised through the timelock, the next deal at the old price paying the members nothing, and a deal at the new floor
 * paying them and their treasury parts (5 % of 1.50 tokens each) to the DAO's own treasury, its timelock.
 */
class DemoDaoIT {

    @Test
    void theDaoStory_admitsByProof_raisesTheFloorByQuadraticVote_theNextDealLeavesTheMembersOut_andOneAtTheFloorFeedsTheTreasury()
            throws Exception {
        Node node = SharedNode.node();
        Map<String, Account> made = new HashMap<>();
        DemoConsent.EnsureAccount ensure = (role, kind, name) -> made.computeIfAbsent(role,
                r -> node.accounts().open(kind, name + " " + r).orElseThrow().account());
        Account board = ensure.apply("issuer", AccountKind.ISSUER, "DAO story board");
        node.attestations().trust(node.operator(), board, AttestationType.ACADEMIC_RESEARCHER.mask()).orElseThrow();
        Account hospital = ensure.apply("hospital", AccountKind.HOSPITAL, "DAO story hospital");
        List<Account> volunteers = new DemoCohort(node).ensure(ensure, hospital, 100);
        Account lab = ensure.apply("lab", AccountKind.CONSUMER, "DAO story lab");
        Instant now = Instant.now();
        node.attestations().attest(board, new Payloads.Attest(lab.address(), AttestationType.ACADEMIC_RESEARCHER,
                Purpose.HRESCH.mask(), now.minusSeconds(60), now.plus(365, ChronoUnit.DAYS))).orElseThrow();
        node.privacyBudget().assign(lab.id(), "DAO story lab");
        ByteArrayOutputStream buffer = new ByteArrayOutputStream();

        new DemoDao(node, new PrintStream(buffer, true, StandardCharsets.UTF_8)).run(lab, volunteers);

        String printed = buffer.toString(StandardCharsets.UTF_8);
        assertThat(printed).contains("3 volunteers admitted by zero-knowledge proofs",
                "for a second address: refused SALUS-2007", "11 votes (121 credits): refused SALUS-2204",
                "proposal passed (for 9, against 3)", "the DAO's floor is now 1.50 tokens",
                "the DAO's members earned 0.00 tokens", "DAO treasury        0.23 tokens at its timelock",
                "0.23 tokens paid to it by deal", "of the 3 members whose leaves name the DAO's treasury")
                .doesNotContain("unexpected", "not delivered");
        assertThat(printed).containsPattern("the DAO's 3 members earned [1-9][0-9.]* tokens from it");
    }
}
