package io.salus.node.demo;

import static org.assertj.core.api.Assertions.assertThat;

import io.salus.core.account.Account;
import io.salus.core.account.AccountKind;
import io.salus.core.consent.AttestationType;
import io.salus.core.consent.GrantTerms;
import io.salus.core.consent.Purpose;
import io.salus.core.record.Category;
import io.salus.core.usecase.DepositService;
import io.salus.node.it.SharedNode;
import io.salus.node.wiring.Node;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** The demo's trial story on the shared node: a funded study, a noisy count, one volunteer accepts and is paid. */
class DemoTrialIT {

    @Test
    void theDemoTrial_fundsTheStudy_invites_andPaysTheOneVolunteerWhoAccepts_whomAloneTheSponsorSees_andAMilestone() {
        Node node = SharedNode.node();
        Map<String, Account> made = new HashMap<>();
        DemoConsent.EnsureAccount ensure = (role, kind, name) -> made.computeIfAbsent(role,
                r -> node.accounts().open(kind, name + " " + r + " " + UUID.randomUUID()).orElseThrow().account());
        Account hospital = ensure.apply("hospital", AccountKind.HOSPITAL, "Demo trial hospital");
        List<Account> volunteers = new ArrayList<>();
        Instant now = Instant.now();
        for (int i = 0; i < 3; i++) {
            Account v = node.accounts().open(AccountKind.PATIENT, "Demo trial volunteer " + i).orElseThrow()
                    .account();
            node.accounts().linkProvider(node.operator(), v.id(), hospital.id()).orElseThrow();
            node.deposits().deposit(new DepositService.Command(hospital, v.id(), DemoCohort.bundle(i),
                    Optional.of("demo-trial-volunteer-" + UUID.randomUUID()), "test")).orElseThrow();
            node.consents().grantCustodial(v, new GrantTerms(v.address(), Category.VITAL_SIGNS.mask()
                    | Category.LAB_RESULTS.mask(), AttestationType.ACADEMIC_RESEARCHER.mask(), Purpose.HRESCH.mask(),
                    now.minusSeconds(60), now.plus(30, ChronoUnit.DAYS), 100, Optional.empty())).orElseThrow();
            volunteers.add(v);
        }
        ByteArrayOutputStream buffer = new ByteArrayOutputStream();

        new DemoTrial(node, new PrintStream(buffer, true, StandardCharsets.UTF_8))
                .run(ensure, volunteers);

        String printed = buffer.toString(StandardCharsets.UTF_8);
        assertThat(printed).contains("funded on chain in tx 0x").contains("differentially private, epsilon 0.5")
                .contains("the sponsor saw 0 patients").contains("opted in")
                .contains("enrolment PAID: 2.00 tokens paid in tx 0x")
                .contains("sponsor sees      1 enrolled patient(s)")
                .contains("attested \"week 12 visit\"").contains("PAID, 1.00 tokens paid in tx 0x")
                .doesNotContain("refused")
                .doesNotContain("NOT funded");
    }
}
