package io.chefsache.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.logging.Level;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.NoAlertPresentException;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.logging.LoggingPreferences;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * Headless Debian Chromium driven through Debian's chromedriver (never a downloaded browser), with
 * the steps a person takes in Tasklist and on the audit pages, and screenshots under
 * {@code target/browser-screenshots/}.
 */
public class Chromium implements AutoCloseable {

  public static final Path BROWSER = Path.of("/usr/bin/chromium");
  public static final Path DRIVER = Path.of("/usr/bin/chromedriver");
  public static final String MISSING = "Browser tests need Debian's chromium and chromium-driver: "
      + "run `apt-get install -y chromium chromium-driver` (CI's .ci/run does)";
  private static final Path SCREENSHOTS = Path.of("target", "browser-screenshots");
  /** Replaces the page's dialogs with a record of them, before any of the page's scripts run. */
  private static final String DIALOGS = "window.__dialogs = [];"
      + "['alert', 'confirm', 'prompt'].forEach((name) => { window[name] = (...args) => {"
      + " window.__dialogs.push(name + ': ' + args.join(' ')); return null; }; });";
  /** How long a late script (an image's onerror, a deferred handler) gets before dialogs are checked. */
  private static final Duration DIALOG_GRACE = Duration.ofSeconds(2);

  private final WebDriver driver;
  private final WebDriverWait wait;
  private final String base;
  private final Path profile;

  /** Whether this machine has Debian's Chromium and its driver (browser tests are skipped otherwise). */
  public static boolean installed() {
    return Files.isExecutable(BROWSER) && Files.isExecutable(DRIVER);
  }

  /** A browser whose language is English (US): the journeys read Camunda's English texts. */
  public Chromium(int port) {
    this(port, "en-US");
  }

  /** A browser whose user prefers {@code language} (e.g. {@code de-DE}), as its settings would say. */
  public Chromium(int port, String language) {
    this(port, language, null);
  }

  /** A browser with {@code language} on a computer in {@code timeZone} (e.g. {@code America/New_York}). */
  public Chromium(int port, String language, String timeZone) {
    try {
      profile = Files.createTempDirectory("chromium-profile");
      Files.createDirectories(SCREENSHOTS);
    } catch (IOException failed) {
      throw new UncheckedIOException(failed);
    }
    ChromeOptions options = new ChromeOptions().setBinary(BROWSER.toFile());
    options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
        "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run",
        "--disable-quic", "--window-size=1600,2400", "--user-data-dir=" + profile, "--lang=" + language);
    options.setExperimentalOption("prefs", Map.of("intl.accept_languages", language));
    LoggingPreferences logs = new LoggingPreferences();
    logs.enable(LogType.BROWSER, Level.ALL);
    options.setCapability(ChromeOptions.LOGGING_PREFS, logs);
    ChromeDriver chrome = new ChromeDriver(new ChromeDriverService.Builder().usingDriverExecutable(DRIVER.toFile())
        .build(), options);
    if (timeZone != null) {
      chrome.executeCdpCommand("Emulation.setTimezoneOverride", Map.of("timezoneId", timeZone));
    }
    // every page records its dialogs, so that a script that opens one late (an image's onerror after
    // rendering) is caught too, not only one open at the moment of the check
    chrome.executeCdpCommand("Page.addScriptToEvaluateOnNewDocument", Map.of("source", DIALOGS));
    driver = chrome;
    wait = new WebDriverWait(driver, Duration.ofSeconds(20));
    wait.ignoring(StaleElementReferenceException.class);
    base = "http://localhost:" + port;
  }

  public WebDriver driver() {
    return driver;
  }

  public void open(String path) {
    driver.get(base + path);
  }

  public WebElement await(By what) {
    return wait.until(ExpectedConditions.visibilityOfElementLocated(what));
  }

  /** Clicks like a person: after scrolling the element to the middle of the window. */
  public void click(By what) {
    WebElement element = wait.until(ExpectedConditions.elementToBeClickable(what));
    ((JavascriptExecutor) driver).executeScript("arguments[0].scrollIntoView({block: 'center'})", element);
    wait.until(ExpectedConditions.elementToBeClickable(element)).click();
  }

  /**
   * Claims the task on screen and waits until Tasklist has shown it as claimed: it renders the form
   * again then, and what was typed into the first rendering is gone.
   */
  public void claim() {
    By claim = By.cssSelector("button.claim");
    click(claim);
    wait.until(ExpectedConditions.invisibilityOfElementLocated(claim));
  }

  /** Types {@code text} into a field and waits until the field holds it (typing again into a new rendering). */
  public void type(By field, String text) {
    wait.until(page -> {
      WebElement element = page.findElement(field);
      if (!element.isDisplayed() || !element.isEnabled()) {
        return false;
      }
      if (!text.equals(element.getAttribute("value"))) {
        element.clear();
        element.sendKeys(text);
      }
      return text.equals(element.getAttribute("value"));
    });
  }

  public void awaitText(By where, String text) {
    wait.until(ExpectedConditions.textToBePresentInElementLocated(where, text));
  }

  public void logIntoTasklist(String user) {
    logIntoWebapp("tasklist", user);
  }

  /** Logs in to one of Camunda's webapps ({@code tasklist}, {@code cockpit}, {@code admin}) with its own form. */
  public void logIntoWebapp(String app, String user) {
    open("/camunda/app/" + app + "/default/");
    await(By.cssSelector("input[ng-model='username']")).sendKeys(user);
    driver.findElement(By.cssSelector("input[ng-model='password']")).sendKeys("demo");
    driver.findElement(By.cssSelector("button[type='submit']")).click();
  }

  public void logIntoAudit(String user) {
    open("/audit/login");
    await(By.name("username")).sendKeys(user);
    driver.findElement(By.name("password")).sendKeys("demo");
    driver.findElement(By.cssSelector("button[type='submit']")).click();
  }

  /** A field of the Camunda Form on screen, by its key. */
  public By formField(String key) {
    return By.cssSelector("[id$='-Field_" + key + "']");
  }

  /**
   * Whether a script of the page has opened a dialog ({@code alert}, {@code confirm}, {@code prompt})
   * since it loaded: recorded by {@link #DIALOGS}, after the page's own scripts and rendering had
   * their time (the Tasklist form and the audit page are drawn by scripts after load).
   */
  public boolean dialogOpened() {
    try {
      Thread.sleep(DIALOG_GRACE.toMillis());
    } catch (InterruptedException interrupted) {
      Thread.currentThread().interrupt();
    }
    try {
      driver.switchTo().alert().dismiss();
      return true;
    } catch (NoAlertPresentException none) {
      return (Boolean) ((JavascriptExecutor) driver).executeScript("return (window.__dialogs || []).length > 0;");
    }
  }

  /**
   * The errors the page's console got since the last call (scripts that failed, resources refused by
   * the Content-Security-Policy, requests answered with an error); reading them empties the log.
   */
  public List<String> consoleErrors() {
    return driver.manage().logs().get(LogType.BROWSER).getAll().stream()
        .filter(entry -> entry.getLevel().intValue() >= Level.SEVERE.intValue()).map(LogEntry::getMessage).toList();
  }

  public Path screenshot(String name) {
    Path file = SCREENSHOTS.resolve(name + ".png");
    try {
      Files.write(file, ((TakesScreenshot) driver).getScreenshotAs(OutputType.BYTES));
    } catch (IOException failed) {
      throw new UncheckedIOException(failed);
    }
    return file;
  }

  @Override
  public void close() {
    driver.quit();
  }
}
