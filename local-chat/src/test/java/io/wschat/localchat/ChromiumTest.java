package io.wschat.localchat;

import static org.assertj.core.api.Assertions.assertThat;

import io.wschat.localchat.Chromium.Installation;
import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** How the browser tests choose their browser and driver: on fake PATH directories and install places. */
class ChromiumTest {
  @TempDir Path dir;

  @Test
  void the_path_comes_first_then_the_usual_places() throws IOException {
    Path bin = executable("bin/chromium");
    Path driver = executable("bin/chromedriver");
    executable("opt/Google Chrome");
    executable("opt/chromedriver");

    assertThat(Chromium.find(dir.resolve("empty") + File.pathSeparator + dir.resolve("bin"),
        List.of(dir.resolve("opt/Google Chrome")), List.of(dir.resolve("opt/chromedriver"))))
        .contains(new Installation(bin, driver));
  }

  @Test
  void google_chrome_on_the_path_is_found_and_a_driver_in_a_usual_place() throws IOException {
    Path chrome = executable("bin/google-chrome");
    Path driver = executable("homebrew/chromedriver");

    assertThat(Chromium.find(dir.resolve("bin").toString(), List.of(), List.of(dir.resolve("homebrew/chromedriver"))))
        .contains(new Installation(chrome, driver));
  }

  @Test
  void a_macos_application_is_found_in_its_place() throws IOException {
    Path chrome = executable("Applications/Google Chrome.app/Contents/MacOS/Google Chrome");
    Path driver = executable("bin/chromedriver");

    assertThat(Chromium.find(dir.resolve("bin").toString(), List.of(chrome), List.of())).contains(
        new Installation(chrome, driver));
  }

  @Test
  void nothing_is_found_without_a_driver_or_without_a_browser_or_when_a_file_is_not_executable() throws IOException {
    executable("browser/chromium");
    executable("driver/chromedriver");
    Files.createDirectories(dir.resolve("plain"));
    Files.createFile(dir.resolve("plain/chromium"));
    Files.createFile(dir.resolve("plain/chromedriver"));

    assertThat(Chromium.find(dir.resolve("browser").toString(), List.of(), List.of())).isEmpty();
    assertThat(Chromium.find(dir.resolve("driver").toString(), List.of(), List.of())).isEmpty();
    assertThat(Chromium.find(dir.resolve("plain").toString(), List.of(), List.of())).isEmpty();
    assertThat(Chromium.find("", List.of(), List.of())).isEmpty();
  }

  @Test
  void the_install_line_names_the_packages_for_linux_and_macos() {
    assertThat(Chromium.INSTALL).contains("apt-get install chromium chromium-driver")
        .contains("brew install --cask google-chrome chromedriver");
  }

  private Path executable(String name) throws IOException {
    Path file = dir.resolve(name);
    Files.createDirectories(file.getParent());
    Files.writeString(file, "#!/bin/sh\n");
    Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rwxr-xr-x"));
    return file;
  }
}
