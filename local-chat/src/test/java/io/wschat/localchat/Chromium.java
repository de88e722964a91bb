package io.wschat.localchat;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;

/**
 * Headless Chrome or Chromium for the browser tests, with its chromedriver, both found on the PATH or in the usual
 * Linux and macOS places and named explicitly, so that Selenium Manager never looks for (or downloads) a browser.
 * One place for the flags every browser test runs with.
 */
final class Chromium {
  /** What to run when neither is found; the README's prerequisites say the same. */
  static final String INSTALL = "install Chromium and chromedriver: on Debian/Ubuntu `sudo apt-get install chromium "
      + "chromium-driver`, on macOS `brew install --cask google-chrome chromedriver`";

  static final List<String> BROWSER_COMMANDS = List.of("chromium", "chromium-browser", "google-chrome",
      "google-chrome-stable");
  static final List<Path> BROWSER_PLACES = List.of(Path.of("/usr/bin/chromium"), Path.of("/usr/bin/chromium-browser"),
      Path.of("/usr/bin/google-chrome"), Path.of("/usr/bin/google-chrome-stable"), Path.of("/snap/bin/chromium"),
      Path.of("/Applications/Google Chrome.app/Contents/MacOS/Google Chrome"),
      Path.of("/Applications/Chromium.app/Contents/MacOS/Chromium"));
  static final List<Path> DRIVER_PLACES = List.of(Path.of("/usr/bin/chromedriver"),
      Path.of("/usr/lib/chromium/chromedriver"), Path.of("/opt/homebrew/bin/chromedriver"),
      Path.of("/usr/local/bin/chromedriver"), Path.of("/snap/bin/chromium.chromedriver"));

  /** A browser binary and the chromedriver that drives it. */
  record Installation(Path browser, Path driver) {}

  private static Installation installed;

  private Chromium() {}

  /**
   * The browser and driver of this machine: the first executable of each on {@code path} (a PATH value), else in
   * {@code browserPlaces} and {@code driverPlaces}; empty when either is missing.
   */
  static Optional<Installation> find(String path, List<Path> browserPlaces, List<Path> driverPlaces) {
    List<Path> dirs = Arrays.stream(path.split(File.pathSeparator)).filter(dir -> !dir.isBlank()).map(Path::of)
        .toList();
    Optional<Path> browser = first(Stream.concat(
        BROWSER_COMMANDS.stream().flatMap(command -> dirs.stream().map(dir -> dir.resolve(command))),
        browserPlaces.stream()));
    Optional<Path> driver = first(Stream.concat(dirs.stream().map(dir -> dir.resolve("chromedriver")),
        driverPlaces.stream()));
    return browser.flatMap(b -> driver.map(d -> new Installation(b, d)));
  }

  private static Optional<Path> first(Stream<Path> candidates) {
    return candidates.filter(file -> Files.isRegularFile(file) && Files.isExecutable(file)).findFirst();
  }

  /** Fails, saying what to install, when the browser or its driver is missing: a browser test never skips. */
  static synchronized Installation requireInstalled() {
    if (installed == null) {
      installed = find(System.getenv().getOrDefault("PATH", ""), BROWSER_PLACES, DRIVER_PLACES)
          .orElseThrow(() -> new AssertionError("The browser tests need Chrome or Chromium and chromedriver, on the "
              + "PATH or in " + BROWSER_PLACES + " and " + DRIVER_PLACES + "; " + INSTALL));
    }
    return installed;
  }

  /** A new headless browser with its own profile directory {@code profile}, which must not exist yet. */
  static ChromeDriver start(Path profile) throws IOException {
    Installation installation = requireInstalled();
    ChromeOptions options = new ChromeOptions();
    options.setBinary(installation.browser().toFile());
    options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
        "--disable-background-networking", "--disable-component-update", "--no-first-run", "--disable-sync",
        "--window-size=1100,700", "--user-data-dir=" + Files.createDirectory(profile));
    ChromeDriverService service = new ChromeDriverService.Builder()
        .usingDriverExecutable(installation.driver().toFile())
        .usingAnyFreePort()
        .build();
    return new ChromeDriver(service, options);
  }

  static void screenshot(WebDriver page, Path file) throws IOException {
    Files.createDirectories(file.getParent());
    Files.write(file, ((ChromeDriver) page).getScreenshotAs(OutputType.BYTES));
  }
}
