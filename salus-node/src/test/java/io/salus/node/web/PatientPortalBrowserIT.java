package io.salus.node.web;

import static org.assertj.core.api.Assertions.assertThat;

import io.salus.node.it.SharedNode;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;

/**
 * The patient's journey in Chromium: records with their proofs checked against the chain, a consent granted and then
 * revoked in two clicks, the consumer's access permitted and then denied, and the denial in the access log; charts of
 * the vital signs; earnings.
 */
class PatientPortalBrowserIT {
    private static SharedNode.Account patient;
    private static SharedNode.Account lab;

    @BeforeAll
    static void setUp() throws InterruptedException {
        SharedNode.Account hospital = SharedNode.open("HOSPITAL", "Portal General Hospital");
        patient = SharedNode.open("PATIENT", "Ada Patient");
        lab = SharedNode.open("CONSUMER", "University heart lab");
        SharedNode.attest(lab, "ACADEMIC_RESEARCHER", "HRESCH");
        SharedNode.depositObservations(hospital, patient, 8);
    }

    @Test
    void aPatientGrantsThenRevokesAConsent_andTheAccessLogShowsTheConsumersDenial() {
        try (Browser b = new Browser(SharedNode.url())) {
            b.signIn(patient.token());
            assertThat(b.driver().getCurrentUrl()).endsWith("/portal/patient");
            b.await(() -> b.driver().findElements(By.cssSelector("td.proof.ok")).size() == 9,
                    "every record's proof verified against the chain");
            assertThat(b.find(By.cssSelector("td.proof.ok")).getText()).startsWith("verified on chain");
            b.screenshot("patient-records");

            b.find(By.linkText("Consents")).click();
            b.find(By.id("type-academic_researcher")).click();
            b.find(By.id("cat-vital_signs")).click();
            b.find(By.id("purpose-hresch")).click();
            assertThat(b.find(By.id("sum-who")).getText()).isEqualTo("Academic researcher");
            assertThat(b.find(By.id("sum-what")).getText()).isEqualTo("Vital signs");
            assertThat(b.find(By.id("sum-why")).getText()).isEqualTo("Healthcare research");
            assertThat(b.find(By.id("sum-price")).getText()).isEqualTo("any price, including free");
            b.screenshot("patient-consent-form");
            b.find(By.id("grant-button")).click();
            b.await(() -> b.driver().getCurrentUrl().contains("notice=granted"), "the grant to be recorded");
            WebElement row = b.find(By.cssSelector("#grants tbody tr"));
            assertThat(row.getText()).contains("Academic researcher may use your vital signs for healthcare research",
                    "active since block");

            SharedNode.access(lab, patient, "HRESCH", "VITAL_SIGNS").then().statusCode(200);

            String grant = row.getAttribute("data-grant");
            b.find(By.id("revoke-" + grant)).click();
            assertThat(b.find(By.tagName("h1")).getText()).isEqualTo("Revoke consent #" + grant);
            b.find(By.id("confirm-revoke")).click();
            b.await(() -> b.driver().getCurrentUrl().contains("notice=revoked"), "the revocation");
            assertThat(b.find(By.cssSelector("#grants tbody tr")).getText()).contains("revoked in block");
            assertThat(SharedNode.consents(patient)).singleElement().satisfies(g -> assertThat(g)
                    .containsKey("revokedAtBlock"));

            SharedNode.access(lab, patient, "HRESCH", "VITAL_SIGNS").then().statusCode(403);

            b.find(By.linkText("Access log")).click();
            List<WebElement> rows = b.driver().findElements(By.cssSelector("#access-log tbody tr"));
            assertThat(rows).hasSize(2);
            assertThat(rows.get(0).getText()).contains("University heart lab", "Vital signs", "Denied");
            assertThat(rows.get(0).getAttribute("class")).isEqualTo("deny");
            assertThat(rows.get(1).getText()).contains("University heart lab", "Permitted");
            b.screenshot("patient-access-log");
            b.documentationScreenshot("patient-portal");
        }
    }

    @Test
    void thePatientSeesChartsOfTheirVitalSigns() {
        try (Browser b = new Browser(SharedNode.url())) {
            b.signIn(patient.token());
            b.open("/portal/patient/charts");
            b.await(() -> "true".equals(b.find(By.id("charts")).getAttribute("data-ready")), "the charts");
            WebElement chart = b.find(By.cssSelector("figure.chart[data-code='8867-4'] canvas"));
            assertThat(chart.getAttribute("aria-label")).startsWith("Heart rate: 8 readings");
            assertThat(b.find(By.cssSelector("figure.chart figcaption")).getText())
                    .isEqualTo("Heart rate (/min), vital signs");
            b.screenshot("patient-charts");
        }
    }

    @Test
    void aSyntheaPatientSeesChartsOfVitalSignsAndLabValues() throws InterruptedException {
        SharedNode.Account clinic = SharedNode.open("HOSPITAL", "Synthea clinic");
        SharedNode.Account grace = SharedNode.open("PATIENT", "Grace Synthea (DEMO)");
        SharedNode.depositSynthea(clinic, grace, 0);
        try (Browser b = new Browser(SharedNode.url())) {
            b.signIn(grace.token());
            b.open("/portal/patient/charts");
            b.await(() -> "true".equals(b.find(By.id("charts")).getAttribute("data-ready")), "the charts");
            List<WebElement> figures = b.driver().findElements(By.cssSelector("figure.chart"));
            assertThat(figures).hasSizeGreaterThan(3);
            assertThat(figures).extracting(WebElement::getText)
                    .anySatisfy(t -> assertThat(t).endsWith("vital signs"))
                    .anySatisfy(t -> assertThat(t).endsWith("lab results"));
            b.documentationScreenshot("patient-charts");
            b.open("/portal/patient");
            b.await(() -> b.driver().findElements(By.cssSelector("td.proof.ok")).size() >= 20, "proofs checked");
            b.documentationScreenshot("patient-records");
        }
    }

    @Test
    void thePatientSeesTheirEarnings() {
        try (Browser b = new Browser(SharedNode.url())) {
            b.signIn(patient.token());
            b.open("/portal/patient/earnings");
            assertThat(b.find(By.id("balance")).getText()).endsWith("tokens");
            assertThat(b.find(By.id("earned")).getText()).isEqualTo("0 tokens from 0 deals");
        }
    }

    @Test
    void mainTextAndLinksHaveAContrastOfAtLeast4Point5() {
        try (Browser b = new Browser(SharedNode.url())) {
            b.signIn(patient.token());
            b.open("/portal/patient/consents");
            for (String selector : List.of("main p", "main legend", "main label", ".site-header .brand",
                    ".site-header nav a", "main button", ".notice dd", ".site-footer p")) {
                WebElement e = b.find(By.cssSelector(selector));
                String fg = e.getCssValue("color");
                String bg = Contrast.background(b.driver(), e);
                assertThat(Contrast.ratio(fg, bg)).as(selector + ": " + fg + " on " + bg).isGreaterThanOrEqualTo(4.5);
            }
        }
    }
}
