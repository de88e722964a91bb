package io.wschat.localchat;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import io.wschat.localgateway.WsClient;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.WebSocket;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * What the runner tells its user on its console, as the real command prints it: a page of a foreign origin is
 * refused with one line naming the flag that would allow it, once per origin, while a page of another loopback
 * port (a dev server on this machine) needs no flag at all.
 */
class RunnerConsoleIT {
  private static final Duration WAIT = Duration.ofSeconds(10);
  private static final String REFUSED = "wschat-local: refused a WebSocket from origin ";

  private static RunnerProcess runner;

  @TempDir
  Path profiles;

  @BeforeAll
  static void start() throws IOException {
    runner = RunnerProcess.start();
  }

  @AfterAll
  static void stop() {
    if (runner != null) {
      runner.close();
    }
  }

  @Test
  void a_foreign_origin_gets_403_and_one_line_naming_the_flag_however_often_it_tries() {
    URI ws = runner.webSocketUri();
    assertThat(WsClient.handshakeStatusFrom(ws, "https://evil.example")).isEqualTo(403);
    assertThat(WsClient.handshakeStatusFrom(ws, "https://evil.example")).isEqualTo(403);
    assertThat(WsClient.handshakeStatusFrom(ws, "https://evil.example:443")).isEqualTo(403);
    // A later refusal's line: the runner prints in order, so any second line for evil.example would be in by then.
    assertThat(WsClient.handshakeStatusFrom(ws, "http://after.example:8081")).isEqualTo(403);
    runner.awaitLine(line -> line.startsWith(REFUSED + "http://after.example:8081"), WAIT);

    assertThat(runner.lines()).filteredOn(line -> line.contains("evil.example")).containsExactly(
        REFUSED + "https://evil.example (403); to allow it, add --allowed-origin https://evil.example");
    assertThat(runner.lines()).contains(
        REFUSED + "http://after.example:8081 (403); to allow it, add --allowed-origin http://after.example:8081");
  }

  @Test
  void a_page_opened_from_a_file_or_sandboxed_is_told_about_allowed_origin_null() {
    assertThat(WsClient.handshakeStatusFrom(runner.webSocketUri(), "null")).isEqualTo(403);
    runner.awaitLine(line -> line.equals(REFUSED + "null (403); to allow it, add --allowed-origin null"), WAIT);
  }

  @Test
  void the_seed_page_served_from_another_loopback_port_chats_in_chromium_with_no_flag() throws Exception {
    Chromium.requireInstalled();
    HttpServer pages = seedPageServer();
    List<WebDriver> browsers = new java.util.ArrayList<>();
    try {
      String page = "http://127.0.0.1:" + pages.getAddress().getPort() + "/index.html?url=" + runner.webSocketUri();
      assertThat(pages.getAddress().getPort()).isNotEqualTo(runner.webSocketUri().getPort());
      WebDriver alice = open(page, "alice", browsers);
      WebDriver bob = open(page, "bob", browsers);

      alice.findElement(By.id("contact")).sendKeys("bob");
      alice.findElement(By.id("addContact")).click();
      alice.findElement(By.id("message")).sendKeys("Hello from a dev server");
      alice.findElement(By.id("send")).click();

      wait(bob).until(ExpectedConditions.elementToBeClickable(By.cssSelector("#contacts li[data-user='alice']")))
          .click();
      wait(bob).until(ExpectedConditions.textToBe(By.cssSelector("#messages .msg .text"), "Hello from a dev server"));
      assertThat(runner.lines()).noneMatch(line -> line.contains("127.0.0.1:" + pages.getAddress().getPort()));
    } finally {
      browsers.forEach(WebDriver::quit);
      pages.stop(0);
    }
  }

  @Test
  void with_jwt_the_banner_shows_the_subprotocol_way_to_connect_and_it_works() throws Exception {
    try (RunnerProcess signedIn = RunnerProcess.start("--auth", "jwt")) {
      List<String> banner = signedIn.lines();
      assertThat(banner).noneMatch(line -> line.contains("?token="));
      String curl = signedIn.awaitLine(line -> line.contains("TOKEN=$(curl -s -X POST '"), Duration.ZERO);
      String wscat = signedIn.awaitLine(line -> line.contains("wscat -c "), Duration.ZERO);
      Matcher tokenUrl = Pattern.compile("POST '([^']+)'").matcher(curl);
      assertThat(tokenUrl.find()).isTrue();
      Matcher connect = Pattern.compile("wscat -c (\\S+) -s wschat -s \"wschat\\.token\\.\\$TOKEN\"").matcher(wscat);
      assertThat(connect.find()).as(wscat).isTrue();

      // Done as the banner says: mint a token, then connect offering it in the subprotocol, not in the URL.
      String body = WsClient.HTTP.send(HttpRequest.newBuilder(URI.create(tokenUrl.group(1)))
          .POST(HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString()).body();
      Matcher token = Pattern.compile("\"token\":\"([^\"]+)\"").matcher(body);
      assertThat(token.find()).as(body).isTrue();
      URI ws = URI.create(connect.group(1));
      WebSocket socket = WsClient.HTTP.newWebSocketBuilder().subprotocols("wschat", "wschat.token." + token.group(1))
          .buildAsync(ws, new WebSocket.Listener() {}).get(10, TimeUnit.SECONDS);
      assertThat(socket.getSubprotocol()).isEqualTo("wschat");
      socket.abort();
      assertThat(WsClient.handshakeStatus(ws)).as("without the token").isEqualTo(401);
    } // stopped as Ctrl-C would: it says so
  }

  @Test
  void stopped_as_ctrl_c_would_it_says_so() throws IOException {
    RunnerProcess stopped = RunnerProcess.start();
    stopped.close();
    assertThat(stopped.lines()).contains("wschat-local: stopping");
  }

  /** The seed's page, served by a tiny HTTP server on another loopback port, as a dev server would serve it. */
  private static HttpServer seedPageServer() throws IOException {
    HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    server.createContext("/", exchange -> {
      try (exchange; InputStream page = RunnerConsoleIT.class.getResourceAsStream("/seed-client/index.html")) {
        byte[] bytes = page.readAllBytes();
        exchange.getResponseHeaders().add("Content-Type", "text/html; charset=utf-8");
        exchange.sendResponseHeaders(200, bytes.length);
        exchange.getResponseBody().write(bytes);
      }
    });
    server.start();
    return server;
  }

  private WebDriver open(String page, String user, List<WebDriver> browsers) throws IOException {
    WebDriver driver = Chromium.start(profiles.resolve(user));
    browsers.add(driver);
    driver.get(page);
    driver.findElement(By.id("connect")).click();
    wait(driver).until(ExpectedConditions.textToBe(By.id("state"), "connected"));
    driver.findElement(By.id("userId")).sendKeys(user);
    driver.findElement(By.id("register")).click();
    wait(driver).until(ExpectedConditions.textToBe(By.id("me"), "Registered as " + user));
    return driver;
  }

  private static WebDriverWait wait(WebDriver page) {
    return new WebDriverWait(page, WAIT);
  }
}
