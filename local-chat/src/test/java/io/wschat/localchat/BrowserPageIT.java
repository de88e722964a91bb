package io.wschat.localchat;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import io.wschat.localchat.deploy.Repository;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WindowType;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The page as a newcomer meets it in their first hour: two tabs of one browser as two users, a message of several
 * lines, Register without Connect, a contact that is not a user id, a phone's width, the developer fields out of
 * the way, and no failed request for an icon. Real headless Chromium ({@link Chromium}) against the runner.
 */
class BrowserPageIT {
  private static final Duration WAIT = Duration.ofSeconds(10);

  @TempDir
  Path profiles;

  private LocalChat chat;
  private final List<WebDriver> browsers = new ArrayList<>();

  @BeforeEach
  void start() throws Exception {
    Chromium.requireInstalled();
    chat = LocalChat.start(LocalChat.Options.defaults().withPort(0).withTemplate(Repository.file("template.yaml"))
        .withAuth(LocalChat.Auth.NONE).withStore(LocalChat.Store.MEMORY, Optional.empty()));
  }

  @AfterEach
  void stop() {
    try {
      browsers.forEach(WebDriver::quit);
    } finally {
      chat.close();
    }
  }

  /**
   * The first finding: the user id lived in localStorage, which every tab shares, so reloading alice's tab
   * after bob registered in another one turned it into bob. Two tabs of ONE browser (one profile, one localStorage).
   */
  @Test
  void two_tabs_of_one_browser_are_two_users_and_stay_so_after_a_reload() throws Exception {
    ChromeDriver browser = browser("shared");
    String aliceTab = openTab(browser, false);
    register(browser, "alice");

    String bobTab = openTab(browser, true);
    assertThat(browser.findElement(By.id("me")).getText()).as("a new tab is nobody yet").isEqualTo("Not registered.");
    assertThat(browser.findElement(By.id("userId")).getAttribute("value")).as("the last user is not applied").isEmpty();
    assertThat(browser.findElement(By.cssSelector("#suggestion button")).getText()).as("only offered")
        .isEqualTo("alice");
    register(browser, "bob");
    assertThat(browser.findElement(By.id("suggestion")).isDisplayed()).isFalse();

    browser.switchTo().window(aliceTab);
    browser.navigate().refresh();
    wait(browser).until(ExpectedConditions.textToBe(By.id("me"), "Registered as alice"));
    browser.switchTo().window(bobTab);
    browser.navigate().refresh();
    wait(browser).until(ExpectedConditions.textToBe(By.id("me"), "Registered as bob"));
    browser.switchTo().window(aliceTab);
    assertThat(browser.findElement(By.id("me")).getText()).as("still alice after bob's reload")
        .isEqualTo("Registered as alice");
    assertThat(browser.findElements(By.cssSelector("#errors li"))).isEmpty();
  }

  /** The suggestion is one click away: it registers this tab as the last user, on purpose. */
  @Test
  void the_last_user_offered_in_a_new_tab_registers_it_when_chosen() throws Exception {
    ChromeDriver browser = browser("suggestion");
    openTab(browser, false);
    register(browser, "alice");
    openTab(browser, true);
    browser.findElement(By.cssSelector("#suggestion button")).click();
    wait(browser).until(ExpectedConditions.textToBe(By.id("me"), "Registered as alice"));
  }

  /** Enter sends, Shift+Enter is a new line, and the line break arrives and is shown as one. */
  @Test
  void a_message_of_several_lines_arrives_with_its_line_breaks() throws Exception {
    ChromeDriver browser = browser("lines");
    String aliceTab = openTab(browser, false);
    register(browser, "alice");
    String bobTab = openTab(browser, true);
    register(browser, "bob");

    browser.switchTo().window(aliceTab);
    browser.findElement(By.id("contact")).sendKeys("bob", Keys.ENTER);
    browser.findElement(By.id("message")).sendKeys("First line", Keys.chord(Keys.SHIFT, Keys.ENTER), "second line");
    assertThat(browser.findElement(By.id("message")).getAttribute("value")).as("Shift+Enter did not send")
        .isEqualTo("First line\nsecond line");
    browser.findElement(By.id("message")).sendKeys(Keys.ENTER);
    wait(browser).until(d -> d.findElement(By.id("message")).getDomProperty("value").isEmpty());

    browser.switchTo().window(bobTab);
    wait(browser).until(ExpectedConditions.elementToBeClickable(By.cssSelector("#contacts li[data-user='alice']")))
        .click();
    wait(browser).until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("#messages .msg .text")));
    assertThat(browser.findElements(By.cssSelector("#messages .msg .text"))).singleElement()
        .satisfies(text -> assertThat(text.getText()).as("shown on two lines").isEqualTo("First line\nsecond line"));
    Object lines = browser.executeScript(
        "const text = document.querySelector('#messages .msg .text');"
            + "return Math.round(text.getBoundingClientRect().height / parseFloat(getComputedStyle(text).lineHeight));");
    assertThat(lines).as("rendered lines").isEqualTo(2L);
  }

  /** Register used to be greyed out until Connect was pressed; now it connects by itself, even after a Disconnect. */
  @Test
  void register_connects_by_itself_even_after_a_disconnect() throws Exception {
    ChromeDriver browser = browser("register");
    openTab(browser, false);
    assertThat(browser.findElement(By.id("register")).isEnabled()).isTrue();
    browser.findElement(By.id("connect")).click();
    wait(browser).until(ExpectedConditions.textToBe(By.id("state"), "disconnected"));
    assertThat(browser.findElement(By.id("register")).isEnabled()).as("usable while disconnected").isTrue();

    register(browser, "carol");
    assertThat(browser.findElement(By.id("state")).getText()).isEqualTo("connected");
  }

  /**
   * A name that cannot be a user id is refused with the rule, and not listed; one whose shape passes but the server
   * refuses (a Cyrillic а among Latin letters) is taken back out, with the server's reason.
   */
  @Test
  void an_invalid_contact_is_refused_with_a_reason_and_not_listed() throws Exception {
    ChromeDriver browser = browser("contacts");
    openTab(browser, false);
    register(browser, "alice");

    browser.findElement(By.id("contact")).sendKeys("bob smith", Keys.ENTER);
    wait(browser).until(ExpectedConditions.textToBePresentInElementLocated(By.id("errors"),
        "“bob smith” is not a user id, so it was not added: a user id is 1 to 64 letters or digits"));
    assertThat(browser.findElements(By.cssSelector("#contacts li"))).isEmpty();
    assertThat(browser.findElement(By.id("contact")).getAttribute("value")).as("kept, to be corrected")
        .isEqualTo("bob smith");

    browser.findElement(By.id("contact")).clear();
    browser.findElement(By.id("contact")).sendKeys("\u0430lice", Keys.ENTER);
    wait(browser).until(ExpectedConditions.textToBePresentInElementLocated(By.id("errors"),
        "“\u0430lice” is not a user id this chat accepts, so it was removed from your contacts: withUserId mixes"
            + " scripts"));
    wait(browser).until(ExpectedConditions.numberOfElementsToBe(By.cssSelector("#contacts li"), 0));
    assertThat(browser.findElement(By.id("title")).getText()).isEqualTo("Pick a contact to chat with.");
    assertThat(browser.findElement(By.id("errors")).getText()).as("no raw error code").doesNotContain(
        "INVALID_REQUEST");

    browser.findElement(By.id("contact")).sendKeys("Bob", Keys.ENTER);
    wait(browser).until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("#contacts li[data-user='bob']")));
    assertThat(browser.findElements(By.cssSelector("#contacts li"))).as("a valid one is listed, as the server spells it")
        .hasSize(1);
  }

  /** At a phone's 360 px nothing is cut off: one pane at a time, with a way back, and no horizontal scrolling. */
  @Test
  void at_360_px_each_pane_fits_the_width() throws Exception {
    ChromeDriver browser = browser("phone");
    String aliceTab = openTab(browser, false);
    phone(browser);
    register(browser, "alice");
    String bobTab = openTab(browser, true);
    register(browser, "bob");
    browser.switchTo().window(aliceTab);
    assertFits(browser, "the contacts");
    assertThat(browser.findElement(By.id("messages")).isDisplayed()).as("one pane at a time").isFalse();

    browser.findElement(By.id("contact")).sendKeys("bob", Keys.ENTER);
    String unbroken = "A long line without spaces: " + "x".repeat(120);
    browser.findElement(By.id("message")).sendKeys(unbroken, Keys.ENTER);
    wait(browser).until(ExpectedConditions.textToBe(By.cssSelector("#messages .msg .text"), unbroken));
    assertThat(browser.findElement(By.id("contacts")).isDisplayed()).isFalse();
    assertThat(browser.findElement(By.id("send")).isDisplayed()).isTrue();
    assertFits(browser, "the conversation");
    assertInside(browser, "#send");
    assertInside(browser, "#messages .msg");
    Chromium.screenshot(browser, Path.of("target", "browser-page-phone-alice-chat.png"));

    browser.findElement(By.cssSelector("#settings summary")).click();
    assertThat(browser.findElement(By.id("url")).isDisplayed()).isTrue();
    assertFits(browser, "the connection settings");
    assertInside(browser, "#url");
    browser.findElement(By.cssSelector("#settings summary")).click();

    browser.findElement(By.id("back")).click();
    assertThat(browser.findElement(By.id("contacts")).isDisplayed()).as("back to the contacts").isTrue();
    assertFits(browser, "the contacts with a conversation");
    browser.switchTo().window(bobTab);
    phone(browser);
    assertFits(browser, "bob's contacts");
    Chromium.screenshot(browser, Path.of("target", "browser-page-phone-bob-contacts.png"));
  }

  /**
   * The WebSocket URL and the token are for developers: behind a collapsed "Connection settings", still reachable,
   * and a link's ?url= still fills them in.
   */
  @Test
  void the_url_and_token_are_behind_connection_settings_and_url_still_works() throws Exception {
    ChromeDriver browser = browser("settings");
    String url = chat.webSocketUri().toString();
    browser.get(chat.pageUri() + "?connect=1&url=" + url);
    wait(browser).until(ExpectedConditions.textToBe(By.id("state"), "connected"));
    assertThat(browser.findElement(By.id("url")).isDisplayed()).as("collapsed by default").isFalse();
    assertThat(browser.findElement(By.id("token")).isDisplayed()).isFalse();
    assertThat(browser.findElement(By.id("url")).getAttribute("value")).isEqualTo(url);

    browser.findElement(By.cssSelector("#settings summary")).click();
    assertThat(browser.findElement(By.id("url")).isDisplayed()).isTrue();
    assertThat(browser.findElement(By.id("token")).isDisplayed()).isTrue();
    browser.findElement(By.id("connect")).click();
    wait(browser).until(ExpectedConditions.textToBe(By.id("state"), "disconnected"));
    browser.findElement(By.id("url")).clear();
    browser.findElement(By.id("url")).sendKeys(url);
    browser.findElement(By.id("connect")).click();
    wait(browser).until(ExpectedConditions.textToBe(By.id("state"), "connected"));
  }

  /**
   * Every load asked for /favicon.ico, a 404. The page is served here by a server that records each request, next
   * to the same page without its icon on another host name: that one's request for the icon shows the recorder
   * sees it, and the real page's never comes.
   */
  @Test
  void no_request_for_an_icon_fails() throws Exception {
    String page;
    try (InputStream in = BrowserPageIT.class.getResourceAsStream("/web/index.html")) {
      page = new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
    String withoutIcon = page.replaceFirst("<link rel=\"icon\"[^>]*>", "");
    assertThat(withoutIcon).as("the control page lost its icon").isNotEqualTo(page);
    List<String> requests = new CopyOnWriteArrayList<>();
    HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    server.createContext("/", exchange -> {
      String host = exchange.getRequestHeaders().getFirst("Host").replaceFirst(":\\d+$", "");
      requests.add(host + exchange.getRequestURI().getPath());
      boolean index = exchange.getRequestURI().getPath().equals("/");
      byte[] body = (host.equals("localhost") ? withoutIcon : page).getBytes(StandardCharsets.UTF_8);
      exchange.getResponseHeaders().add("Content-Type", "text/html; charset=utf-8");
      exchange.sendResponseHeaders(index ? 200 : 404, index ? body.length : -1);
      if (index) {
        exchange.getResponseBody().write(body);
      }
      exchange.close();
    });
    server.start();
    try {
      ChromeDriver browser = browser("icon");
      int port = server.getAddress().getPort();
      browser.get("http://127.0.0.1:" + port + "/");
      wait(browser).until(d -> browser.executeScript("return document.readyState").equals("complete"));
      browser.switchTo().newWindow(WindowType.TAB);
      browser.get("http://localhost:" + port + "/");
      wait(browser).until(d -> requests.contains("localhost/favicon.ico"));
      assertThat(requests).as("what the page itself asked for").filteredOn(r -> r.startsWith("127.0.0.1/"))
          .doesNotContain("127.0.0.1/favicon.ico").contains("127.0.0.1/");
    } finally {
      server.stop(0);
    }
  }

  private ChromeDriver browser(String name) throws Exception {
    ChromeDriver driver = Chromium.start(profiles.resolve(name));
    browsers.add(driver);
    return driver;
  }

  /** The page in the current tab, or a new tab of the same browser; it connects by itself, without ?connect=1. */
  private String openTab(ChromeDriver browser, boolean newTab) {
    if (newTab) {
      browser.switchTo().newWindow(WindowType.TAB);
    }
    browser.get(chat.pageUri().toString());
    wait(browser).until(ExpectedConditions.textToBe(By.id("state"), "connected"));
    return browser.getWindowHandle();
  }

  /** A phone's viewport, 360 by 740 CSS pixels, for the current tab. */
  private static void phone(ChromeDriver browser) {
    browser.executeCdpCommand("Emulation.setDeviceMetricsOverride",
        Map.of("width", 360, "height", 740, "deviceScaleFactor", 1, "mobile", true));
    wait(browser).until(d -> ((Number) browser.executeScript("return innerWidth")).intValue() == 360);
  }

  private static void assertFits(ChromeDriver browser, String what) {
    Object widths = browser.executeScript("return [document.documentElement.scrollWidth, innerWidth];");
    assertThat(widths).as("scrollWidth, innerWidth of " + what).asList()
        .satisfies(w -> assertThat(((Number) w.get(0)).longValue()).isLessThanOrEqualTo(((Number) w.get(1)).longValue()));
  }

  /** The element is wholly inside the viewport's width. */
  private static void assertInside(ChromeDriver browser, String css) {
    Object box = browser.executeScript("const r = document.querySelector(arguments[0]).getBoundingClientRect();"
        + "return r.left >= 0 && r.right <= innerWidth;", css);
    assertThat(box).as(css + " inside the width").isEqualTo(true);
  }

  private static void register(WebDriver page, String userId) {
    page.findElement(By.id("userId")).sendKeys(userId);
    page.findElement(By.id("register")).click();
    wait(page).until(ExpectedConditions.textToBe(By.id("me"), "Registered as " + userId));
  }

  private static WebDriverWait wait(WebDriver page) {
    return new WebDriverWait(page, WAIT);
  }
}
