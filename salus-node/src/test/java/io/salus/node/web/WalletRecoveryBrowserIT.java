package io.salus.node.web;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import io.salus.node.it.CliRun;
import io.salus.node.it.SharedNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;

/**
 * Delegation, restore from the encrypted backup file and guardian recovery with a browser wallet, in Chromium (the
 * delegation signed in the browser after reading it in words, then revoked the same way; the wallet restored into an
 * emptied browser from its backup file and unlocked), checked against the command line's device wallet: the browser
 * approves another patient's recovery as a guardian (its share re-sealed and the approval signed in the browser, which
 * the new device then combines), and names its own guardians (its keys split and sealed in the browser), after which
 * its keys are recovered onto a new device from those shares.
 */
class WalletRecoveryBrowserIT {
    static final ObjectMapper JSON = new ObjectMapper();
    static final String PASS = "another long passphrase";

    @Test
    void aBrowserWalletDelegatesAndRevokes_approvesAsAGuardian_andNamesGuardiansWhoseSharesRecoverItsKeys(
            @TempDir Path dir)
            throws Exception {
        SharedNode.Account agent = SharedNode.open("CAREGIVER", "Browser's agent guardian");
        SharedNode.Account device = signUp(dir, "browser-guardian-g");
        String invitation = given().baseUri(SharedNode.url()).auth().oauth2(SharedNode.operatorToken())
                .post("/custody/invitations").then().statusCode(201).extract().path("invitation");
        try (Browser b = new Browser(SharedNode.url())) {
            b.open("/portal/wallet");
            b.await(() -> "true".equals(b.find(By.id("wallet")).getAttribute("data-ready")), "the wallet script");
            b.find(By.id("invitation")).sendKeys(invitation);
            b.find(By.id("display-name")).sendKeys("Browser guardian");
            b.find(By.id("passphrase")).sendKeys("a long browser passphrase");
            b.find(By.id("create")).click();
            b.await(() -> b.find(By.id("holdings")).getText().contains("Custody: self"), "the account: "
                    + b.find(By.id("wallet-status")).getText());
            String browserId = b.find(By.id("account-id")).getText();

            b.find(By.id("delegate-id")).sendKeys(agent.id());
            b.find(By.id("scope-VIEW_RECORDS")).click();
            b.find(By.id("delegate-prepare")).click();
            b.await(() -> b.find(By.id("review-words")).getText().startsWith("You let " + agent.address()
                    + " view your records, until "), "the delegation in words: " + b.find(By.id("wallet-status"))
                            .getText());
            b.find(By.id("review-sign")).click();
            b.await(() -> b.find(By.id("wallet-status")).getText().contains("Delegation signed"), "the delegation: "
                    + b.find(By.id("wallet-status")).getText());
            assertThat(delegationStatus(agent, browserId)).isEqualTo("ACTIVE");
            b.find(By.id("scope-VIEW_RECORDS")).click();
            b.find(By.id("delegate-prepare")).click();
            b.await(() -> b.find(By.id("review-words")).getText().startsWith("You revoke the delegation to "),
                    "the revocation in words");
            b.find(By.id("review-sign")).click();
            b.await(() -> "REVOKED".equals(delegationStatus(agent, browserId)), "the delegation revoked: " + b.find(By
                    .id("wallet-status")).getText());

            SharedNode.Account other = signUp(dir, "browser-ward");
            assertThat(CliRun.run(List.of("custody", "recovery", "guardians", "--guardian", browserId, "--guardian",
                    agent.id(), "--threshold", "2", "--url", SharedNode.url(), "--token", other.token()),
                    key(dir
                            .resolve("browser-ward.keys")))
                    .code()).isZero();
            String[] ward = recoverTo(dir, "ward-new", other, agent);
            b.find(By.id("approve-recovery-id")).sendKeys(ward[0]);
            b.find(By.id("approve-prepare")).click();
            b.await(() -> b.find(By.id("approve-words")).isDisplayed(), "the approval in words: " + b.find(By.id(
                    "wallet-status")).getText());
            assertThat(b.find(By.id("approve-words")).getText()).contains("to the new device " + ward[2]);
            b.find(By.id("approve-sign")).click();
            b.await(() -> b.find(By.id("wallet-status")).getText().contains("Recovery approved"), "the approval: "
                    + b.find(By.id("wallet-status")).getText());
            assertThat(completed(dir, "ward-new", ward)).as("the share re-sealed in the browser combines").isEqualTo(
                    ward[2]);

            JavascriptExecutor js = (JavascriptExecutor) b.driver();
            Path backup = dir.resolve("salus-wallet-backup.json");
            Files.writeString(backup, (String) js.executeScript("return localStorage.getItem('salus-wallet');"));
            js.executeScript("localStorage.clear();");
            b.open("/portal/wallet");
            b.await(() -> "true".equals(b.find(By.id("wallet")).getAttribute("data-ready")), "the wallet script");
            assertThat(b.find(By.id("signup")).isDisplayed()).as("a browser without the wallet").isTrue();
            b.find(By.id("restore-file")).sendKeys(backup.toString());
            b.find(By.id("restore-button")).click();
            b.await(() -> b.find(By.id("unlock")).isDisplayed(), "the restored backup: " + b.find(By.id(
                    "wallet-status")).getText());
            b.find(By.id("unlock-passphrase")).sendKeys("a long browser passphrase");
            b.find(By.id("unlock-button")).click();
            b.await(() -> browserId.equals(b.find(By.id("account-id")).getText()), "unlocked from the backup: " + b
                    .find(By.id("wallet-status")).getText());

            b.find(By.id("guardian-ids")).sendKeys(device.id() + "\n" + agent.id());
            b.find(By.id("guardians-set")).click();
            b.await(() -> b.find(By.id("wallet-status")).getText().contains("Guardians named: 2"), "the guardians: "
                    + b.find(By.id("wallet-status")).getText());
            SharedNode.Account browser = new SharedNode.Account(browserId, "", b.find(By.id("account-address"))
                    .getText());
            String[] own = recoverTo(dir, "browser-new", browser, agent);
            assertThat(CliRun.run(List.of("custody", "recovery", "approve", "--recovery", own[0], "--url", SharedNode
                    .url(), "--token", device.token()), key(dir.resolve("browser-guardian-g.keys"))).code()).isZero();
            assertThat(completed(dir, "browser-new", own)).as("the shares split in the browser give its keys back")
                    .isEqualTo(own[2]);
        }
    }

    private static String delegationStatus(SharedNode.Account delegate, String patientId) {
        return given().baseUri(SharedNode.url()).auth().oauth2(delegate.token()).get("/accounts/me/delegations")
                .then().statusCode(200).extract().path("actingFor.find { it.patientId == '" + patientId
                        + "' }.status");
    }

    /** New device keys; the agent guardian opens the recovery and approves it; recovery id, claim, new address. */
    private static String[] recoverTo(Path dir, String name, SharedNode.Account patient, SharedNode.Account agent)
            throws Exception {
        JsonNode keys = JSON.readTree(CliRun.run(List.of("custody", "recovery", "new-keys"), key(dir.resolve(name
                + ".keys"))).out());
        Response opened = given().baseUri(SharedNode.url()).auth().oauth2(agent.token()).contentType(ContentType.JSON)
                .body(Map.of("newAddress", keys.path("newAddress").asText(), "newEncryptionPublicKey", keys.path(
                        "newEncryptionPublicKey").asText()))
                .post("/patients/" + patient.id() + "/device-recoveries");
        opened.then().statusCode(201);
        String rid = opened.path("recoveryId");
        given().baseUri(SharedNode.url()).auth().oauth2(agent.token()).post("/recoveries/" + rid + "/approvals")
                .then().statusCode(200);
        return new String[]{rid, opened.path("claimToken"), keys.path("newAddress").asText()};
    }

    /** Completes on the new device once the waiting period passed; the address it now holds. */
    private static String completed(Path dir, String name, String[] recovery) throws Exception {
        CliRun.Run r = null;
        for (int i = 0; i < 60 && (r == null || r.code() != 0); i++) {
            if (r != null) {
                Thread.sleep(500);
            }
            r = CliRun.run(List.of("custody", "recovery", "complete", "--recovery", recovery[0], "--claim",
                    recovery[1], "--url", SharedNode.url()), key(dir.resolve(name + ".keys")));
        }
        return JSON.readTree(r.out()).path("address").asText();
    }

    private static SharedNode.Account signUp(Path dir, String name) throws Exception {
        CliRun.Run r = CliRun.run(List.of("custody", "sign-up", "--name", name, "--url", SharedNode.url(), "--token",
                SharedNode.operatorToken()), key(dir.resolve(name + ".keys")));
        assertThat(r.code()).isZero();
        JsonNode o = JSON.readTree(r.out());
        return new SharedNode.Account(o.path("id").asText(), o.path("apiToken").asText(), o.path("address").asText());
    }

    private static String[] key(Path file) {
        return new String[]{"--key-file", file.toString(), "--passphrase", PASS};
    }
}
