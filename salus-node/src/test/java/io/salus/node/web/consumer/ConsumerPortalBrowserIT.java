package io.salus.node.web.consumer;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import io.restassured.http.ContentType;
import io.salus.node.it.SharedNode;
import io.salus.node.web.Browser;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Cookie;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.Select;

/**
 * The consumer's journey in headless Chromium against the shared node: find a code present in the node, build a
 * cohort (a heart-rate threshold, sex and age), get a noisy count that spends the organisation's budget, post and fund
 * a deal for the cohort, match (a noisy size), deliver, and find the download link and the exact decryption command.
 */
class ConsumerPortalBrowserIT {
    static SharedNode.Account consumer;

    @BeforeAll
    static void setUp() throws Exception {
        consumer = SharedNode.open("CONSUMER", "Portal lab");
        SharedNode.attest(consumer, "ACADEMIC_RESEARCHER", "HRESCH");
        given().baseUri(SharedNode.url()).auth().oauth2(SharedNode.operatorToken()).contentType(ContentType.JSON)
                .body(Map.of("organisation", "Portal lab " + UUID.randomUUID()))
                .put("/accounts/" + consumer.id() + "/organisation").then().statusCode(200);
        given().baseUri(SharedNode.url()).auth().oauth2(SharedNode.operatorToken()).contentType(ContentType.JSON)
                .body(Map.of("amount", 1_000_000_000L)).post("/accounts/" + consumer.id() + "/tokens").then()
                .statusCode(200);
        SharedNode.Account hospital = SharedNode.open("HOSPITAL", "Portal hospital");
        // the code search lists only codes that at least 11 patients hold, and a deal's noisy cohort size is released
        // (and the deal deliverable) only at 11 or more: 14 patients keep the match away from the threshold
        for (int i = 0; i < 14; i++) {
            SharedNode.Account p = SharedNode.open("PATIENT", "Portal cohort patient " + i);
            deposit(hospital, p);
            SharedNode.grant(p, List.of("VITAL_SIGNS"), List.of("ACADEMIC_RESEARCHER"), List.of("HRESCH"));
        }
    }

    /**
     * Links the hospital and deposits a Patient born 1961 with two heart-rate Observations above 170 /min, every
     * resource with an id (a delivery fails on resources without one), so that the deal's cohort (heart rate above 170,
     * aged 64 to 66) holds only these patients, whatever other tests deposited on the shared node.
     */
    static void deposit(SharedNode.Account hospital, SharedNode.Account patient) {
        given().baseUri(SharedNode.url()).auth().oauth2(patient.token())
                .put("/patients/" + patient.id() + "/providers/" + hospital.id()).then().statusCode(200);
        String pid = UUID.randomUUID().toString();
        StringBuilder b = new StringBuilder("{\"resourceType\":\"Bundle\",\"type\":\"collection\",\"entry\":[");
        b.append("{\"fullUrl\":\"urn:uuid:").append(pid).append("\",\"resource\":{\"resourceType\":\"Patient\",")
                .append("\"id\":\"").append(pid).append("\",\"gender\":\"female\",\"birthDate\":\"1961-06-15\"}}");
        for (int i = 0; i < 2; i++) {
            String oid = UUID.randomUUID().toString();
            b.append(",{\"fullUrl\":\"urn:uuid:").append(oid).append("\",\"resource\":{\"resourceType\":")
                    .append("\"Observation\",\"id\":\"").append(oid).append("\",\"status\":\"final\",")
                    .append("\"category\":[{\"coding\":[{\"system\":")
                    .append("\"http://terminology.hl7.org/CodeSystem/observation-category\",")
                    .append("\"code\":\"vital-signs\"}]}],")
                    .append("\"code\":{\"coding\":[{\"system\":\"http://loinc.org\",\"code\":\"8867-4\",")
                    .append("\"display\":\"Heart rate\"}]},\"subject\":{\"reference\":\"urn:uuid:").append(pid)
                    .append("\"},\"effectiveDateTime\":\"2024-01-0").append(i + 1)
                    .append("T10:00:00Z\",\"valueQuantity\":{\"value\":").append(171 + i)
                    .append(",\"unit\":\"/min\",\"system\":\"http://unitsofmeasure.org\",\"code\":\"/min\"}}}");
        }
        b.append("]}");
        given().baseUri(SharedNode.url()).auth().oauth2(hospital.token()).contentType("application/fhir+json")
                .body(b.toString().getBytes(StandardCharsets.UTF_8)).post("/patients/" + patient.id() + "/bundles")
                .then().statusCode(201);
    }

    @Test
    void aConsumerBuildsACohortSeesTheCountAndRunsADealToItsDownload() throws Exception {
        try (Browser b = new Browser(SharedNode.url())) {
            b.signIn(consumer.token());
            b.await(() -> b.driver().getCurrentUrl().endsWith("/portal/consumer"), "the cohort builder");

            WebElement search = b.find(By.id("code-search"));
            search.sendKeys("loinc:8867");
            By add = By.cssSelector("#code-results button[data-key='observation|loinc|8867-4']");
            b.await(() -> b.find(add).isDisplayed(), "the heart-rate code in the search results");
            b.find(add).click();
            b.await(() -> b.find(By.cssSelector("#term-rows tr[data-key='observation|loinc|8867-4']")).isDisplayed(),
                    "the code's row");
            new Select(b.find(By.name("op.0"))).selectByValue(">");
            b.find(By.name("value.0")).sendKeys("170");
            new Select(b.find(By.name("unit.0"))).selectByValue("/min");
            new Select(b.find(By.id("sex"))).selectByValue("female");
            b.find(By.id("ageMin")).sendKeys("64");
            b.find(By.id("ageMax")).sendKeys("66");
            b.find(By.id("cat-lab_results")).click();
            assertThat(b.find(By.id("cat-vital_signs")).isSelected()).isTrue();
            assertThat(b.find(By.id("cat-lab_results")).isSelected()).isFalse();

            assertEveryFieldLabelled(b);
            search.clear();
            search.sendKeys("8867" + org.openqa.selenium.Keys.ENTER);
            b.await(() -> b.find(add).isDisplayed(), "the search run by the keyboard");
            b.find(By.id("count-button")).sendKeys(org.openqa.selenium.Keys.ENTER);
            b.await(() -> b.find(By.id("count-result")).getText().endsWith("(ε 0.5)"), "the noisy count");
            assertThat(b.find(By.id("count-result")).getText()).matches("(\\d+|fewer than 11) \\(ε 0\\.5\\)");
            assertThat(b.find(By.id("remaining-budget")).getText()).isEqualTo("9.5");
            b.screenshot("consumer-cohort-count");
            b.driver().manage().window().setSize(new org.openqa.selenium.Dimension(1280, 2100));
            ((org.openqa.selenium.JavascriptExecutor) b.driver()).executeScript("window.scrollTo(0, 0)");
            b.documentationScreenshot("consumer-portal");
            b.driver().manage().window().setSize(new org.openqa.selenium.Dimension(1280, 1000));

            b.find(By.id("count-button")).click();
            b.await(() -> !b.find(By.id("remaining-budget")).getText().equals("9.5"), "the budget to drop again");
            assertThat(new java.math.BigDecimal(b.find(By.id("remaining-budget")).getText()))
                    .isEqualByComparingTo("9");

            b.find(By.id("maxPatients")).clear();
            b.find(By.id("maxPatients")).sendKeys("3");
            b.find(By.id("post-deal")).click();
            awaitShowing(b, () -> b.driver().getCurrentUrl().contains("/portal/consumer/deals/0x"), "the deal page");
            assertThat(b.find(By.id("deal-status")).getText()).isEqualTo("POSTED");
            assertThat(b.find(By.id("chain-status")).getText()).isEqualTo("OPEN");

            b.find(By.id("match-deal")).click();
            awaitShowing(b, () -> b.find(By.id("deal-status")).getText().equals("MATCHED"), "the match");
            assertThat(b.find(By.id("cohort-size")).getText()).as("a noisy size, never the exact one").matches("\\d+");

            b.find(By.id("deliver-deal")).click();
            awaitShowing(b, () -> b.find(By.id("deal-status")).getText().equals("SETTLED"), "the delivery");
            assertThat(b.find(By.id("delivered")).getText()).isEqualTo("3");
            WebElement link = b.find(By.id("download-package"));
            assertThat(link.isDisplayed()).isTrue();
            String dealId = b.find(By.id("deal")).getAttribute("data-deal");
            assertThat(b.find(By.id("decrypt-command")).getText()).isEqualTo("./salus deal decrypt --in deal-"
                    + dealId.substring(2, 10) + ".salus --out deal-" + dealId.substring(2, 10)
                    + ".zip --key-file key.hex");
            b.screenshot("consumer-deal-settled");

            HttpResponse<byte[]> pkg = send(withSession(b, HttpRequest.newBuilder(URI.create(link.getAttribute(
                    "href")))).GET().build());
            assertThat(pkg.statusCode()).isEqualTo(200);
            assertThat(pkg.headers().firstValue("Content-Disposition").orElse("")).contains("attachment")
                    .contains("deal-" + dealId.substring(2, 10) + ".salus");
            assertThat(new String(pkg.body(), 0, 8, StandardCharsets.US_ASCII)).isEqualTo("SALUSPKG");

            b.open("/portal/consumer/deals");
            assertThat(b.find(By.id("deals")).getText()).contains("SETTLED");
        }
    }

    @Test
    void theCountAndTheDealForm_areRefusedWithoutTheCsrfToken() throws Exception {
        try (Browser b = new Browser(SharedNode.url())) {
            b.signIn(consumer.token());
            String before = b.find(By.id("remaining-budget")).getText();
            String form = "code.0=observation%7Cloinc%7C8867-4&categories=VITAL_SIGNS&purpose=HRESCH&epsilon=0.5";
            for (String path : List.of("/portal/consumer/count", "/portal/consumer/deals")) {
                HttpResponse<byte[]> r = send(withSession(b, HttpRequest.newBuilder(URI.create(SharedNode.url()
                        + path))).header("Content-Type", "application/x-www-form-urlencoded")
                        .POST(HttpRequest.BodyPublishers.ofString(form)).build());
                assertThat(r.statusCode()).as(path).isEqualTo(403);
                assertThat(new String(r.body(), StandardCharsets.UTF_8)).as(path).contains("SALUS-0782");
            }
            b.open("/portal/consumer");
            assertThat(b.find(By.id("remaining-budget")).getText()).isEqualTo(before);
        }
    }

    /**
     * Waits like {@link Browser#await} but up to 3 minutes (a delivery de-identifies, packs, encrypts and settles on
     * chain while the form post is answered); on a timeout the failure carries what the page says and a screenshot.
     */
    private static void awaitShowing(Browser b, java.util.function.Supplier<Boolean> condition, String what) {
        for (int attempt = 0;; attempt++) {
            try {
                b.await(condition, what);
                return;
            } catch (AssertionError e) {
                if (attempt < 5) {
                    continue;
                }
                b.screenshot("consumer-failure");
                throw new AssertionError(e.getMessage() + "; the page says: " + b.driver().getPageSource(), e);
            }
        }
    }

    /** Every visible input and select has a {@code <label for>} (the code rows' labels are visually hidden). */
    static void assertEveryFieldLabelled(Browser b) {
        for (WebElement e : b.driver().findElements(By.cssSelector("main input:not([type=hidden]), main select"))) {
            String id = e.getAttribute("id");
            assertThat(id).as("a field without an id: " + e.getAttribute("name")).isNotBlank();
            assertThat(b.driver().findElements(By.cssSelector("label[for='" + id + "']"))).as("label for " + id)
                    .isNotEmpty();
        }
    }

    private static HttpRequest.Builder withSession(Browser b, HttpRequest.Builder r) {
        StringBuilder cookies = new StringBuilder();
        for (Cookie c : b.driver().manage().getCookies()) {
            cookies.append(cookies.isEmpty() ? "" : "; ").append(c.getName()).append('=').append(c.getValue());
        }
        return r.header("Cookie", cookies.toString());
    }

    private static HttpResponse<byte[]> send(HttpRequest r) {
        try {
            return HttpClient.newHttpClient().send(r, HttpResponse.BodyHandlers.ofByteArray());
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
