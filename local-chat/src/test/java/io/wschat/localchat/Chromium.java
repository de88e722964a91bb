package io.wschat.localchat;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;

/**
 * Headless Chromium for the browser tests: Debian's chromium and chromedriver, named explicitly, so that Selenium
 * Manager never looks for (or downloads) a browser. One place for the flags every browser test runs with.
 */
final class Chromium {
  static final Path BINARY = Path.of("/usr/bin/chromium");
  static final Path DRIVER = Path.of("/usr/bin/chromedriver");

  private Chromium() {}

  /** Fails, saying what to install, when either binary is missing: a browser test never skips. */
  static void requireInstalled() {
    for (Path binary : List.of(BINARY, DRIVER)) {
      assertThat(Files.isExecutable(binary))
          .as("%s is needed for the browser test; install it with `apt-get install -y chromium chromium-driver`",
              binary)
          .isTrue();
    }
  }

  /** A new headless browser with its own profile directory {@code profile}, which must not exist yet. */
  static ChromeDriver start(Path profile) throws IOException {
    ChromeOptions options = new ChromeOptions();
    options.setBinary(BINARY.toFile());
    options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
        "--disable-background-networking", "--disable-component-update", "--no-first-run", "--disable-sync",
        "--window-size=1100,700", "--user-data-dir=" + Files.createDirectory(profile));
    ChromeDriverService service = new ChromeDriverService.Builder()
        .usingDriverExecutable(DRIVER.toFile())
        .usingAnyFreePort()
        .build();
    return new ChromeDriver(service, options);
  }

  static void screenshot(WebDriver page, Path file) throws IOException {
    Files.createDirectories(file.getParent());
    Files.write(file, ((ChromeDriver) page).getScreenshotAs(OutputType.BYTES));
  }
}
