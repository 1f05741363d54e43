package io.salus.node.web;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import io.salus.core.account.Account;
import io.salus.core.account.AccountId;
import io.salus.core.account.CustodyMode;
import io.salus.core.consent.Grant;
import io.salus.node.it.SharedNode;
import io.salus.node.wiring.Node;
import io.salus.testkit.Bundles;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.Select;

/**
 * The self-custody journey in Chromium: sign up with keys made in the browser, read one's own record decrypted in the
 * browser, grant a consent after reading it in words (signed in the browser from the EIP-712 typed data), revoke it.
 * The node ends up with public keys only.
 */
class WalletBrowserIT {

    @Test
    void aPatientSignsUpInTheBrowser_readsTheirRecordDecryptedThere_grantsAfterReadingTheWords_andRevokes()
            throws Exception {
        Node node = SharedNode.node();
        String invitation = given().baseUri(SharedNode.url()).auth().oauth2(SharedNode.operatorToken())
                .post("/custody/invitations").then().statusCode(201).extract().path("invitation");
        SharedNode.Account provider = SharedNode.open("HOSPITAL", "Wallet hospital");
        try (Browser b = new Browser(SharedNode.url())) {
            b.open("/portal/wallet");
            b.await(() -> "true".equals(b.find(By.id("wallet")).getAttribute("data-ready")), "the wallet script");
            b.find(By.id("invitation")).sendKeys(invitation);
            b.find(By.id("display-name")).sendKeys("Browser wallet patient");
            b.find(By.id("passphrase")).sendKeys("a long browser passphrase");
            b.find(By.id("create")).click();
            b.await(() -> b.find(By.id("holdings")).getText().contains("Custody: self"), "the account: "
                    + b.find(By.id("wallet-status")).getText());
            assertThat(b.find(By.id("holdings")).getText()).contains("private signing key: no")
                    .contains("private decryption key: no");
            String id = b.find(By.id("account-id")).getText();
            String address = b.find(By.id("account-address")).getText();
            Account account = node.accountStore().find(AccountId.parse(id).orElseThrow()).orElseThrow();
            assertThat(account.address().hex()).isEqualTo(address);
            assertThat(node.accountStore().custodyOf(account.id())).isEqualTo(CustodyMode.SELF);
            assertThat(node.accountStore().sealedKeys(account.id())).isEmpty();

            given().baseUri(SharedNode.url()).auth().oauth2(SharedNode.operatorToken())
                    .put("/patients/" + id + "/providers/" + provider.id()).then().statusCode(200);
            given().baseUri(SharedNode.url()).auth().oauth2(provider.token()).contentType("application/fhir+json")
                    .body(Bundles.patientWithObservations("wallet-" + id, 1)).post("/patients/" + id + "/bundles")
                    .then().statusCode(201);
            b.find(By.id("refresh-records")).click();
            b.await(() -> !b.driver().findElements(By.cssSelector("button.decrypt")).isEmpty(), "the records");
            List<WebElement> decrypt = b.driver().findElements(By.cssSelector("button.decrypt"));
            decrypt.getLast().click();
            b.await(() -> b.driver().findElements(By.cssSelector("pre.record-plain")).stream()
                    .anyMatch(p -> p.getText().contains("\"resourceType\"")), "a record decrypted in the browser: "
                            + b.find(By.id("wallet-status")).getText());

            new Select(b.find(By.id("grant-category"))).selectByValue("VITAL_SIGNS");
            new Select(b.find(By.id("grant-type"))).selectByValue("PUBLIC_HEALTH");
            new Select(b.find(By.id("grant-purpose"))).selectByValue("PUBHLTH");
            b.find(By.id("grant-prepare")).click();
            b.await(() -> b.find(By.id("review-words")).isDisplayed(), "the consent in words: "
                    + b.find(By.id("wallet-status")).getText());
            assertThat(b.find(By.id("review-words")).getText()).startsWith(
                    "You allow public health to use your vital signs for public health, from ").contains(address);
            b.screenshot("wallet-consent-in-words");
            b.find(By.id("review-sign")).click();
            b.await(() -> b.find(By.id("wallet-status")).getText().contains("granted, signed in this browser"),
                    "the grant: " + b.find(By.id("wallet-status")).getText());
            List<Grant> grants = node.consents().list(account, account.id()).orElseThrow();
            assertThat(grants).hasSize(1);
            assertThat(grants.getFirst().signer().hex()).isEqualTo(address);

            b.find(By.cssSelector("button.revoke")).click();
            b.await(() -> b.find(By.id("review-words")).getText().startsWith("You revoke consent "),
                    "the revocation in words");
            b.find(By.id("review-sign")).click();
            b.await(() -> b.find(By.id("wallet-status")).getText().contains("revoked"), "the revocation: "
                    + b.find(By.id("wallet-status")).getText());
            assertThat(node.consents().list(account, account.id()).orElseThrow().getFirst().revokedAtBlock())
                    .isPresent();
            assertThat(b.driver().findElements(By.cssSelector("button.revoke"))).isEmpty();
        }
    }
}
