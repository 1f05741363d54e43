package io.salus.node.web.auditor;

import static org.assertj.core.api.Assertions.assertThat;

import io.salus.node.it.SharedNode;
import io.salus.node.web.Browser;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;

/**
 * The auditor's journey in headless Chromium against the shared node: a patient's trail with a permitted release
 * (checked against its AccessLog event on chain) and a denial (audited off chain) shows as verified; a consumer's
 * trail too; and after an audit row is altered directly in PostgreSQL, the same page marks that row as a mismatch.
 */
class AuditorViewBrowserIT {
    static SharedNode.Account auditor;
    static SharedNode.Account hospital;

    @BeforeAll
    static void setUp() {
        auditor = SharedNode.open("AUDITOR", "Portal auditor");
        hospital = SharedNode.open("HOSPITAL", "Audit hospital");
    }

    /** A patient whose vital signs a researcher read (permitted) and whose lab results it was refused (denied). */
    record Trail(SharedNode.Account patient, SharedNode.Account researcher) {
    }

    static Trail trail(String name) throws Exception {
        SharedNode.Account patient = SharedNode.open("PATIENT", name);
        SharedNode.depositObservations(hospital, patient, 2);
        SharedNode.Account researcher = SharedNode.open("CONSUMER", name + " researcher");
        SharedNode.attest(researcher, "ACADEMIC_RESEARCHER", "HRESCH");
        SharedNode.grant(patient, List.of("VITAL_SIGNS"), List.of("ACADEMIC_RESEARCHER"), List.of("HRESCH"));
        SharedNode.access(researcher, patient, "HRESCH", "VITAL_SIGNS").then().statusCode(200);
        SharedNode.access(researcher, patient, "HRESCH", "LAB_RESULTS").then().statusCode(403);
        return new Trail(patient, researcher);
    }

    static void verify(Browser b, String of, String id) {
        b.open("/portal/auditor");
        b.find(By.id(of.equals("patient") ? "of-patient" : "of-requester")).click();
        b.find(By.id("subject")).sendKeys(id);
        b.find(By.id("verify")).click();
        b.await(() -> b.find(By.id("trail")).isDisplayed(), "the verified trail");
    }

    @Test
    void anAuditorSeesAPatientsTrailWithAPermittedAndADeniedAccessVerifiedAgainstTheChain() throws Exception {
        Trail t = trail("Audited patient");
        try (Browser b = new Browser(SharedNode.url())) {
            b.signIn(auditor.token());
            b.await(() -> b.driver().getCurrentUrl().endsWith("/portal/auditor"), "the auditor view");

            verify(b, "patient", t.patient().id());
            for (WebElement e : b.driver().findElements(By.cssSelector("main input:not([type=hidden]), main select"))) {
                assertThat(b.driver().findElements(By.cssSelector("label[for='" + e.getAttribute("id") + "']")))
                        .as("label for " + e.getAttribute("name")).isNotEmpty();
            }

            List<WebElement> rows = b.driver().findElements(By.cssSelector("#trail tbody tr"));
            assertThat(rows).hasSize(2);
            assertThat(rows).extracting(r -> r.findElement(By.cssSelector(".verdict")).getText())
                    .containsExactlyInAnyOrder("✓ verified", "✓ verified (denial, audited off chain)");
            assertThat(b.find(By.id("trail")).getText()).contains("PERMIT").contains("DENY");
            assertThat(b.find(By.id("trail-summary")).getText())
                    .isEqualTo("2 entries: 2 verified, 0 failing, 0 pending. The trail matches the chain.");
            b.documentationScreenshot("auditor-view");
            b.screenshot("auditor-patient-trail");

            verify(b, "requester", t.researcher().id());
            assertThat(b.driver().findElements(By.cssSelector("#trail tbody tr"))).hasSize(2);
            assertThat(b.find(By.id("trail-summary")).getText()).endsWith("The trail matches the chain.");
            b.screenshot("auditor-requester-trail");
        }
    }

    @Test
    void anAuditRowAlteredInTheDatabase_isMarkedAsAMismatchWithItsReason() throws Exception {
        Trail t = trail("Tampered patient");
        try (Connection c = SharedNode.node().dataSource().getConnection();
                PreparedStatement s = c.prepareStatement(
                        "UPDATE audit_entry SET purpose = 'TREAT' WHERE patient = ? AND effect = 'PERMIT'")) {
            s.setObject(1, UUID.fromString(t.patient().id()));
            assertThat(s.executeUpdate()).isEqualTo(1);
        }
        try (Browser b = new Browser(SharedNode.url())) {
            b.signIn(auditor.token());
            verify(b, "patient", t.patient().id());

            WebElement bad = b.find(By.cssSelector("#trail tbody tr.row-bad .verdict"));
            assertThat(bad.getText()).startsWith("✗ MISMATCH: the chain names another purpose");
            assertThat(b.find(By.id("trail-summary")).getText())
                    .isEqualTo("2 entries: 1 verified, 1 failing, 0 pending. The trail does NOT match the chain.");
            b.screenshot("auditor-tampered-trail");
        }
    }

    @Test
    void aConsumerAccount_cannotOpenTheAuditorView() {
        SharedNode.Account consumer = SharedNode.open("CONSUMER", "Curious consumer");
        try (Browser b = new Browser(SharedNode.url())) {
            b.signIn(consumer.token());
            b.open("/portal/auditor?of=patient&subject=" + UUID.randomUUID());
            assertThat(b.driver().getPageSource()).doesNotContain("id=\"trail\"").contains("SALUS-0784");
        }
    }
}
