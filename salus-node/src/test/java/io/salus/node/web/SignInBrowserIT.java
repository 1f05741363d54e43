package io.salus.node.web;

import static org.assertj.core.api.Assertions.assertThat;

import io.salus.node.it.SharedNode;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.interactions.Actions;

/** Signing in and out in Chromium, with the keyboard only, and the pages' accessibility basics. */
class SignInBrowserIT {

    @Test
    void aPatientSignsInWithTheKeyboardOnly_andSignsOut() {
        SharedNode.Account patient = SharedNode.open("PATIENT", "Keyboard patient");
        try (Browser b = new Browser(SharedNode.url())) {
            b.open("/portal/sign-in");
            assertThat(b.find(By.tagName("html")).getAttribute("lang")).isEqualTo("en");
            Actions keys = new Actions(b.driver());
            keys.sendKeys(Keys.TAB).perform();
            WebElement skip = b.driver().switchTo().activeElement();
            assertThat(skip.getText()).isEqualTo("Skip to main content");
            keys.sendKeys(Keys.TAB).perform();
            assertThat(b.driver().switchTo().activeElement().getAttribute("id")).isEqualTo("token");
            keys.sendKeys(patient.token()).sendKeys(Keys.ENTER).perform();
            b.await(() -> b.driver().getCurrentUrl().endsWith("/portal/patient"), "the patient portal");
            assertThat(b.find(By.tagName("h1")).getText()).isEqualTo("Your health records");
            assertThat(b.find(By.cssSelector(".who .account")).getText()).contains("Keyboard patient");
            assertThat(b.driver().findElements(By.cssSelector(".demo-badge"))).isEmpty();
            b.screenshot("sign-in-keyboard");

            b.find(By.cssSelector("form.sign-out button")).click();
            b.await(() -> b.driver().getCurrentUrl().contains("/portal/sign-in"), "the sign-in page");
            b.open("/portal/patient");
            b.await(() -> b.driver().getCurrentUrl().contains("/portal/sign-in"), "being sent to sign in");
        }
    }

    @Test
    void aDemoAccountIsMarkedDemoInTheHeader() {
        SharedNode.Account demo = SharedNode.open("PATIENT", "Demo patient 99 (DEMO)");
        try (Browser b = new Browser(SharedNode.url())) {
            b.signIn(demo.token());
            assertThat(b.find(By.cssSelector(".site-header .demo-badge")).getText()).isEqualTo("DEMO");
        }
    }

    @Test
    void everyInputOfTheSignInPageHasALabel() {
        try (Browser b = new Browser(SharedNode.url())) {
            b.open("/portal/sign-in");
            List<WebElement> inputs = b.driver().findElements(By.cssSelector("input:not([type=hidden]), select, "
                    + "textarea"));
            assertThat(inputs).isNotEmpty();
            for (WebElement i : inputs) {
                assertThat(b.driver().findElements(By.cssSelector("label[for='" + i.getAttribute("id") + "']")))
                        .as("label for " + i.getAttribute("name")).hasSize(1);
            }
        }
    }
}
