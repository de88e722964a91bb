package io.wschat.localgateway;

import static io.wschat.localgateway.ConnectIT.quiet;
import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Response;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The hooks a runner uses to serve a web page and extra endpoints next to the API. */
class StaticFilesIT {

  @Test
  void serves_files_at_the_root_and_a_handler_at_a_path_next_to_the_websocket_endpoint(@TempDir Path web)
      throws Exception {
    Files.writeString(web.resolve("index.html"), "<h1>chat</h1>");
    Handler hello = new Handler.Abstract() {
      @Override
      public boolean handle(org.eclipse.jetty.server.Request request, Response response,
          org.eclipse.jetty.util.Callback callback) {
        Response.writeError(request, response, callback, 418);
        return true;
      }
    };
    var fallback = new RecordingHandler();
    try (var gateway = quiet().staticFiles("/", web).handler("/teapot", hello).route("$default", fallback)
        .build().start();
         var client = WsClient.connect(gateway.webSocketUri())) {
      String base = "http://localhost:" + gateway.port();
      assertThat(get(base + "/").body()).isEqualTo("<h1>chat</h1>");
      assertThat(get(base + "/index.html").body()).isEqualTo("<h1>chat</h1>");
      assertThat(get(base + "/teapot").statusCode()).isEqualTo(418);
      assertThat(get(base + "/missing.js").statusCode()).isEqualTo(404);
      client.send("still a gateway");
      assertThat(fallback.next()).containsEntry("body", "still a gateway");
    }
  }

  @Test
  void serves_class_path_resources() throws Exception {
    try (var gateway = quiet().classpathFiles("/", "web-fixture").build().start()) {
      assertThat(get("http://localhost:" + gateway.port() + "/").body()).contains("fixture page");
    }
  }

  private static HttpResponse<String> get(String uri) throws Exception {
    return WsClient.HTTP.send(HttpRequest.newBuilder(URI.create(uri)).GET().build(),
        HttpResponse.BodyHandlers.ofString());
  }
}
