package io.stackpilot.server.console;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.logging.Level;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.NoAlertPresentException;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.logging.LoggingPreferences;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * Debian's headless Chromium driven by its chromedriver (both from the {@code chromium} and {@code chromium-driver}
 * packages; Selenium Manager never downloads anything), pointed at a Stackpilot server. Collects the browser
 * console's messages so that a test can fail on any error, and writes screenshots under {@code target/}.
 */
public final class Browser implements AutoCloseable {
    public static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    public static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");
    public static final Path SCREENSHOTS = Path.of("target", "console-screenshots");
    public static final Duration WAIT = Duration.ofSeconds(20);
    public static final int SCREENSHOT_MAX_HEIGHT = 2400;

    private final ChromeDriver driver;
    private final String baseUrl;
    private final Path profile;
    private final List<LogEntry> console = new ArrayList<>();

    private Browser(ChromeDriver driver, String baseUrl, Path profile) {
        this.driver = driver;
        this.baseUrl = baseUrl;
        this.profile = profile;
    }

    /** A fresh browser (empty profile, so a cold cache) at 1280x800. */
    public static Browser open(String baseUrl) {
        if (!Files.isExecutable(CHROMIUM) || !Files.isExecutable(CHROMEDRIVER)) {
            throw new IllegalStateException("the console's browser tests need Debian's chromium and chromium-driver "
                    + "(apt-get install -y chromium chromium-driver; .ci/run installs them)");
        }
        System.setProperty("webdriver.chrome.driver", CHROMEDRIVER.toString());
        try {
            Path profile = Files.createTempDirectory("stackpilot-chromium-");
            ChromeOptions options = new ChromeOptions();
            options.setBinary(CHROMIUM.toFile());
            options.addArguments("--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--disable-gpu",
                    "--no-first-run", "--disable-extensions", "--window-size=1280,800", "--lang=en-GB",
                    "--user-data-dir=" + profile);
            LoggingPreferences logs = new LoggingPreferences();
            logs.enable(LogType.BROWSER, Level.ALL);
            options.setCapability(ChromeOptions.LOGGING_PREFS, logs);
            ChromeDriverService service = new ChromeDriverService.Builder()
                    .usingDriverExecutable(CHROMEDRIVER.toFile()).usingAnyFreePort().build();
            ChromeDriver driver = new ChromeDriver(service, options);
            driver.manage().window().setSize(new Dimension(1280, 800));
            return new Browser(driver, baseUrl, profile);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public ChromeDriver driver() {
        return driver;
    }

    public void go(String path) {
        driver.get(baseUrl + path);
    }

    public WebElement await(By by) {
        return await(by, WAIT);
    }

    public WebElement await(By by, Duration timeout) {
        return waiting(timeout).until(d -> {
            List<WebElement> found = d.findElements(by);
            return found.isEmpty() || !found.getFirst().isDisplayed() ? null : found.getFirst();
        });
    }

    /** Waits until the text of the element matches, e.g. a status that changes by itself. */
    public void awaitText(By by, String text, Duration timeout) {
        waiting(timeout).until(d -> d.findElements(by).stream().anyMatch(e -> e.getText().contains(text)));
    }

    /** Waits until one element's text holds every one of the texts at once, read as one snapshot. */
    public void awaitTexts(By by, Duration timeout, String... texts) {
        waiting(timeout).until(d -> d.findElements(by).stream().map(WebElement::getText)
                .anyMatch(t -> java.util.Arrays.stream(texts).allMatch(t::contains)));
    }

    public void awaitGone(By by, Duration timeout) {
        waiting(timeout).until(d -> d.findElements(by).isEmpty());
    }

    /**
     * A wait that looks again when the page re-rendered the element it was reading: the console redraws a view
     * while anything on it is in a transitional state, so an element found a moment ago may be gone.
     */
    private WebDriverWait waiting(Duration timeout) {
        WebDriverWait wait = new WebDriverWait(driver, timeout);
        wait.ignoring(StaleElementReferenceException.class);
        return wait;
    }

    /** Clicks the element, finding it again if the page re-rendered it between finding and clicking. */
    public void click(By by) {
        waiting(WAIT).until(d -> {
            List<WebElement> found = d.findElements(by);
            if (found.isEmpty() || !found.getFirst().isDisplayed()) {
                return false;
            }
            found.getFirst().click();
            return true;
        });
    }

    public void type(By by, String text) {
        WebElement element = await(by);
        element.clear();
        element.sendKeys(text);
    }

    public void select(By by, String visibleTextStart) {
        Select select = new Select(await(by));
        for (WebElement option : select.getOptions()) {
            if (option.getText().startsWith(visibleTextStart)) {
                select.selectByVisibleText(option.getText());
                return;
            }
        }
        throw new AssertionError("no option starting with " + visibleTextStart + " in " + by);
    }

    public List<String> options(By by) {
        return new Select(await(by)).getOptions().stream().map(WebElement::getText).toList();
    }

    /** Signs in through the form and waits for the first page after it. */
    public void signIn(String username, String password, String project) {
        type(By.id("signin-username"), username);
        type(By.id("signin-password"), password);
        type(By.id("signin-project"), project);
        await(By.id("signin-submit")).click();
        await(By.id("sign-out"));
    }

    public void acceptConfirm() {
        new WebDriverWait(driver, WAIT).until(d -> {
            try {
                d.switchTo().alert().accept();
                return true;
            } catch (NoAlertPresentException notYet) {
                return false;
            }
        });
    }

    /** True when a dialog is open (an injected alert would be one). */
    public boolean dialogOpen() {
        try {
            driver.switchTo().alert();
            return true;
        } catch (NoAlertPresentException none) {
            return false;
        }
    }

    public Object script(String script, Object... arguments) {
        return driver.executeScript(script, arguments);
    }

    /** Makes the page read its clock in this zone (Chromium's emulation), as for a visitor from there. */
    public void timeZone(String zone) {
        driver.executeCdpCommand("Emulation.setTimezoneOverride", Map.of("timezoneId", zone));
    }

    /** The current value of a form control (what the user typed or the page preset). */
    public String value(By by) {
        return await(by).getDomProperty("value");
    }

    /** Waits until the element's attribute has this value (a mark the page sets after an answer). */
    public void awaitAttribute(By by, String attribute, String value, Duration timeout) {
        waiting(timeout).until(d -> d.findElements(by).stream().anyMatch(e -> value.equals(e.getAttribute(attribute))));
    }

    public void size(int width, int height) {
        driver.manage().window().setSize(new Dimension(width, height));
    }

    /**
     * Writes {@code target/console-screenshots/<name>.png}: the whole page at the window's width (up to
     * {@link #SCREENSHOT_MAX_HEIGHT} px), through Chromium's own capture beyond the viewport.
     */
    @SuppressWarnings("unchecked")
    public Path screenshot(String name) {
        try {
            Files.createDirectories(SCREENSHOTS);
            Map<String, Object> layout = driver.executeCdpCommand("Page.getLayoutMetrics", Map.of());
            Map<String, Object> viewport = (Map<String, Object>) layout.get("cssLayoutViewport");
            Map<String, Object> content = (Map<String, Object>) layout.get("cssContentSize");
            double width = ((Number) viewport.get("clientWidth")).doubleValue();
            double height = Math.min(SCREENSHOT_MAX_HEIGHT, Math.max(((Number) viewport.get("clientHeight")).doubleValue(),
                    ((Number) content.get("height")).doubleValue()));
            Map<String, Object> shot = driver.executeCdpCommand("Page.captureScreenshot", Map.of("format", "png",
                    "captureBeyondViewport", true,
                    "clip", Map.of("x", 0, "y", 0, "width", width, "height", height, "scale", 1)));
            Path target = SCREENSHOTS.resolve(name + ".png");
            Files.write(target, Base64.getDecoder().decode((String) shot.get("data")));
            return target;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Every console message so far at level SEVERE: script errors, CSP violations, failed loads. */
    public List<String> consoleErrors() {
        console.addAll(driver.manage().logs().get(LogType.BROWSER).getAll());
        return console.stream().filter(e -> e.getLevel().intValue() >= Level.SEVERE.intValue())
                .map(LogEntry::getMessage).toList();
    }

    /** The first page's timing and transfer from the Performance API (a fresh profile: a cold cache). */
    @SuppressWarnings("unchecked")
    public Map<String, Object> firstPageTiming() {
        return (Map<String, Object>) driver.executeScript("""
                const nav = performance.getEntriesByType('navigation')[0];
                const resources = performance.getEntriesByType('resource');
                const mark = performance.getEntriesByName('stackpilot-interactive')[0];
                return {
                  interactive_ms: mark ? mark.startTime : -1,
                  dom_content_loaded_ms: nav.domContentLoadedEventEnd,
                  load_ms: nav.loadEventEnd,
                  requests: 1 + resources.length,
                  transferred_bytes: nav.transferSize + resources.reduce((sum, r) => sum + r.transferSize, 0),
                  decoded_bytes: nav.decodedBodySize + resources.reduce((sum, r) => sum + r.decodedBodySize, 0)
                };""");
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
        try (var paths = Files.walk(dir)) {
            for (Path path : paths.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(path);
            }
        } catch (IOException | UncheckedIOException ignored) {
            // A leftover temporary profile is harmless.
        }
    }
}
