package io.salus.node.web;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.function.Supplier;
import org.openqa.selenium.By;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;

/**
 * Headless Debian Chromium driven by the system chromedriver (Selenium Manager never downloads anything), with a fresh
 * profile per browser. Screenshots go to {@code target/screenshots/} and, for the documentation, to
 * {@code docs/screenshots/}. Not thread-safe: one per test.
 */
public final class Browser implements AutoCloseable {
    public static final String CHROMIUM = "/usr/bin/chromium";
    public static final String CHROMEDRIVER = "/usr/bin/chromedriver";
    private final ChromeDriver driver;
    private final Path profile;
    private final String base;

    public Browser(String baseUrl) {
        this.base = baseUrl;
        System.setProperty("webdriver.chrome.driver", CHROMEDRIVER);
        try {
            profile = Files.createTempDirectory("salus-chromium-");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        ChromeOptions o = new ChromeOptions();
        o.setBinary(CHROMIUM);
        o.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                "--disable-background-networking", "--disable-component-update", "--disable-sync",
                "--disable-dev-shm-usage", "--window-size=1280,1000", "--user-data-dir=" + profile);
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(Path.of(CHROMEDRIVER).toFile()).usingAnyFreePort().build();
        driver = new ChromeDriver(service, o);
        driver.manage().timeouts().pageLoadTimeout(Duration.ofSeconds(60));
    }

    public String baseUrl() {
        return base;
    }

    public WebDriver driver() {
        return driver;
    }

    public void open(String path) {
        driver.get(base + path);
    }

    public WebElement find(By by) {
        return driver.findElement(by);
    }

    /** Signs in through the sign-in form, typing the token as a user would. */
    public void signIn(String token) {
        open("/portal/sign-in");
        find(By.id("token")).sendKeys(token);
        find(By.cssSelector("form.sign-in button[type=submit]")).click();
        await(() -> !driver.getCurrentUrl().contains("/portal/sign-in"), "the sign-in to complete");
    }

    /** Waits (bounded, 30 s) until the condition holds, for pages updated by their scripts. */
    public void await(Supplier<Boolean> condition, String what) {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (true) {
            try {
                if (Boolean.TRUE.equals(condition.get())) {
                    return;
                }
            } catch (org.openqa.selenium.NoSuchElementException
                    | org.openqa.selenium.StaleElementReferenceException e) {
                // not there yet
            }
            if (System.nanoTime() > deadline) {
                throw new AssertionError("timed out waiting for " + what + " at " + driver.getCurrentUrl());
            }
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError(e);
            }
        }
    }

    /** Saves a screenshot as {@code target/screenshots/<name>.png}; returns its path. */
    public Path screenshot(String name) {
        try {
            Path dir = Path.of("target", "screenshots");
            Files.createDirectories(dir);
            Path out = dir.resolve(name + ".png");
            Files.copy(driver.getScreenshotAs(OutputType.FILE).toPath(), out, StandardCopyOption.REPLACE_EXISTING);
            return out;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * A screenshot kept in the documentation too ({@code docs/screenshots/<name>.png}) when the build is asked to
     * refresh them ({@code -Dsalus.docs.screenshots=true}); otherwise only under {@code target/screenshots/}, so that a
     * test run does not rewrite tracked files.
     */
    public Path documentationScreenshot(String name) {
        Path shot = screenshot(name);
        if (!Boolean.getBoolean("salus.docs.screenshots")) {
            return shot;
        }
        try {
            Path docs = Path.of(System.getProperty("salus.home", "..")).resolve("docs").resolve("screenshots");
            Files.createDirectories(docs);
            Files.copy(shot, docs.resolve(name + ".png"), StandardCopyOption.REPLACE_EXISTING);
            return docs.resolve(name + ".png");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void close() {
        try {
            driver.quit();
        } finally {
            deleteQuietly(profile);
        }
    }

    private static void deleteQuietly(Path dir) {
        try (var walk = Files.walk(dir)) {
            walk.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            // a leftover temporary profile is harmless
        }
    }
}
