package org.supportdesk.portal;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.Comparator;
import java.util.stream.Stream;

import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebDriverException;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * Headless Chromium (Debian's {@code chromium} and {@code chromium-driver}) driving the portal like a person: it
 * types, clicks and reads what the page shows. Screenshots go to {@code target/screenshots/}.
 */
public final class Browser implements AutoCloseable {

    static final Path SCREENSHOTS = Path.of("target", "screenshots");
    private static final String CHROMIUM = System.getProperty("e2e.chromium", "/usr/bin/chromium");
    private static final String CHROMEDRIVER = System.getProperty("e2e.chromedriver", "/usr/bin/chromedriver");

    private final ChromeDriver driver;
    private final Path profile;
    private final String base;
    private final WebDriverWait wait;

    public Browser(int port) {
        if (!Files.isExecutable(Path.of(CHROMIUM)) || !Files.isExecutable(Path.of(CHROMEDRIVER))) {
            throw new IllegalStateException("The browser tests need " + CHROMIUM + " and " + CHROMEDRIVER
                    + " (Debian: apt-get install chromium chromium-driver)");
        }
        try {
            profile = Files.createTempDirectory("portal-e2e-profile");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM);
        options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run",
                "--user-data-dir=" + profile.toAbsolutePath(), "--window-size=1280,900", "--lang=en-US");
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(new File(CHROMEDRIVER)).usingAnyFreePort().build();
        driver = new ChromeDriver(service, options);
        base = "http://localhost:" + port;
        wait = new WebDriverWait(driver, Duration.ofSeconds(15));
    }

    public org.openqa.selenium.WebDriver driver() {
        return driver;
    }

    public void open(String path) {
        driver.get(base + path);
    }

    public String path() {
        return driver.getCurrentUrl().substring(base.length());
    }

    public WebElement find(String css) {
        return wait.until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector(css)));
    }

    public boolean displayed(String css) {
        return driver.findElement(By.cssSelector(css)).isDisplayed();
    }

    public boolean present(String css) {
        return !driver.findElements(By.cssSelector(css)).isEmpty();
    }

    public String text(String css) {
        return find(css).getText();
    }

    public void type(String css, String text) {
        WebElement field = find(css);
        field.clear();
        field.sendKeys(text);
    }

    public void choose(String css, String visibleText) {
        new Select(find(css)).selectByVisibleText(visibleText);
    }

    public void click(String css) {
        wait.until(ExpectedConditions.elementToBeClickable(By.cssSelector(css))).click();
    }

    /** Clicks a submit button and waits for the next page. */
    public void submit(String css) {
        WebElement html = driver.findElement(By.tagName("html"));
        click(css);
        wait.until(d -> {
            try {
                html.isEnabled();
                return false;
            } catch (WebDriverException gone) {
                return true; // stale, or Chrome's "node does not belong to the document": the next page is here
            }
        });
        wait.until(d -> "complete".equals(((JavascriptExecutor) d).executeScript("return document.readyState")));
    }

    public void attach(String css, Path file) {
        driver.findElement(By.cssSelector(css)).sendKeys(file.toAbsolutePath().toString());
    }

    public void signIn(String email, String password) {
        open("/login");
        type("#email", email);
        type("#password", password);
        submit("form[action='/login'] button[type=submit]");
    }

    public void signOut() {
        driver.manage().deleteAllCookies();
        if (staffHeader) {
            driver.executeCdpCommand("Network.setExtraHTTPHeaders", java.util.Map.of("headers", java.util.Map.of()));
            driver.executeCdpCommand("Network.disable", java.util.Map.of());
            staffHeader = false;
        }
    }

    private boolean staffHeader;

    /**
     * Signs in to the staff workspace as a browser does after its HTTP Basic prompt: every request carries the
     * staff login (set through the DevTools protocol, as headless Chromium shows no prompt).
     */
    public void signInAsStaff(String user, String password) {
        String basic = java.util.Base64.getEncoder().encodeToString((user + ":" + password)
                .getBytes(java.nio.charset.StandardCharsets.UTF_8));
        driver.executeCdpCommand("Network.enable", java.util.Map.of());
        driver.executeCdpCommand("Network.setExtraHTTPHeaders",
                java.util.Map.of("headers", java.util.Map.of("Authorization", "Basic " + basic)));
        staffHeader = true;
    }

    public void resize(int width, int height) {
        driver.manage().window().setSize(new Dimension(width, height));
    }

    /** What a window of this size shows from the top of the page (for README). */
    public Path screenshot(String name, int width, int height) {
        Dimension before = driver.manage().window().getSize();
        driver.manage().window().setSize(new Dimension(width, height));
        JavascriptExecutor page = (JavascriptExecutor) driver;
        page.executeScript("window.scrollTo(0, 0); document.activeElement.blur();"
                + " document.documentElement.style.overflow = 'hidden'");
        try {
            return save(name);
        } finally {
            page.executeScript("document.documentElement.style.overflow = ''");
            driver.manage().window().setSize(before);
        }
    }

    /** One element of the page as it shows now, whole (the window made tall enough for it), for README. */
    public Path screenshotOf(String css, String name) {
        Dimension before = driver.manage().window().getSize();
        WebElement element = find(css);
        driver.manage().window().setSize(new Dimension(before.getWidth(),
                Math.max(before.getHeight(), Math.min(element.getSize().getHeight() + 300, 6000))));
        ((JavascriptExecutor) driver).executeScript("arguments[0].scrollIntoView(); document.activeElement.blur();",
                element);
        try {
            Files.createDirectories(SCREENSHOTS);
            Path target = SCREENSHOTS.resolve(name + ".png");
            Files.copy(element.getScreenshotAs(OutputType.FILE).toPath(), target, StandardCopyOption.REPLACE_EXISTING);
            return target;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            driver.manage().window().setSize(before);
        }
    }

    /** The whole page, as tall as its content, at the current width. */
    public Path screenshot(String name) {
        Dimension before = driver.manage().window().getSize();
        Number height = (Number) ((JavascriptExecutor) driver)
                .executeScript("return document.documentElement.scrollHeight");
        driver.manage().window().setSize(new Dimension(before.getWidth(), Math.max(before.getHeight(),
                Math.min(height.intValue() + 150, 6000))));
        try {
            return save(name);
        } finally {
            driver.manage().window().setSize(before);
        }
    }

    private Path save(String name) {
        try {
            Files.createDirectories(SCREENSHOTS);
            Path target = SCREENSHOTS.resolve(name + ".png");
            Files.copy(driver.getScreenshotAs(OutputType.FILE).toPath(), target, StandardCopyOption.REPLACE_EXISTING);
            return target;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void close() {
        try {
            driver.quit();
        } finally {
            try (Stream<Path> files = Files.walk(profile)) {
                files.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
            } catch (IOException ignored) {
                // a temporary profile left behind is harmless
            }
        }
    }
}
