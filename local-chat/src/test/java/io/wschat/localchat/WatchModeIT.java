package io.wschat.localchat;

import static org.assertj.core.api.Assertions.assertThat;

import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import io.wschat.localgateway.LocalGateway;
import io.wschat.localgateway.WsClient;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The watch mode: the runner serves a handler from a class directory, and when its class file is replaced by a
 * recompiled one, the new code serves without a restart and connected clients are closed with 1012 to reconnect.
 * The handler is compiled here, with the JDK's compiler, in two versions.
 */
class WatchModeIT {
  private static final String TEMPLATE = """
      AWSTemplateFormatVersion: "2010-09-09"
      Transform: AWS::Serverless-2016-10-31
      Resources:
        Api:
          Type: AWS::ApiGatewayV2::Api
          Properties:
            ProtocolType: WEBSOCKET
            RouteSelectionExpression: "$request.body.action"
        AnswerFunction:
          Type: AWS::Serverless::Function
          Properties:
            Handler: watched.Answer::handleRequest
        Integration:
          Type: AWS::ApiGatewayV2::Integration
          Properties:
            ApiId: !Ref Api
            IntegrationType: AWS_PROXY
            IntegrationUri: !Sub "arn:aws:apigateway:us-east-1:lambda:path/2015-03-31/functions/${AnswerFunction.Arn}/invocations"
        DefaultRoute:
          Type: AWS::ApiGatewayV2::Route
          Properties:
            ApiId: !Ref Api
            RouteKey: "$default"
            RouteResponseSelectionExpression: "$default"
            Target: !Sub "integrations/${Integration}"
        DefaultRouteResponse:
          Type: AWS::ApiGatewayV2::RouteResponse
          Properties:
            ApiId: !Ref Api
            RouteId: !Ref DefaultRoute
            RouteResponseKey: "$default"
      """;

  @TempDir
  Path dir;

  /** Compiles the handler {@code watched.Answer}, answering {@code answer} to every message, into {@code out}. */
  static void compileAnswer(String answer, Path out) throws Exception {
    Path source = Files.createDirectories(out.resolveSibling(out.getFileName() + "-src").resolve("watched"))
        .resolve("Answer.java");
    Files.writeString(source, """
        package watched;

        public final class Answer implements com.amazonaws.services.lambda.runtime.RequestStreamHandler {
          public Answer(java.util.Map<String, String> environment) {}

          @Override
          public void handleRequest(java.io.InputStream in, java.io.OutputStream out,
              com.amazonaws.services.lambda.runtime.Context context) throws java.io.IOException {
            in.readAllBytes();
            out.write("{\\"statusCode\\":200,\\"body\\":\\"%s\\"}".getBytes());
          }
        }
        """.formatted(answer));
    JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
    var errors = new ByteArrayOutputStream();
    // Only the Lambda runtime interfaces: the whole test class path makes javac take seconds longer.
    String lambdaCore = Path.of(RequestStreamHandler.class.getProtectionDomain().getCodeSource().getLocation()
        .toURI()).toString();
    int status = javac.run(null, null, errors, "-classpath", lambdaCore, "-proc:none", "-d", out.toString(),
        source.toString());
    assertThat(status).as("javac: %s", errors).isZero();
  }

  @Test
  void a_recompiled_handler_serves_without_a_restart_and_clients_are_told_to_reconnect() throws Exception {
    Path classes = Files.createDirectories(dir.resolve("classes"));
    Path rebuilt = Files.createDirectories(dir.resolve("rebuilt"));
    compileAnswer("v1", classes);
    compileAnswer("v2", rebuilt);
    Path template = Files.writeString(dir.resolve("template.yaml"), TEMPLATE);
    try (LocalChat chat = LocalChat.start(LocalChat.Options.defaults().withPort(0).withTemplate(template),
        Optional.empty(), List.of(classes));
         WsClient before = WsClient.connect(chat.webSocketUri())) {
      before.send("{}");
      assertThat(before.next()).isEqualTo("v1");

      Path answer = Path.of("watched", "Answer.class");
      Files.copy(rebuilt.resolve(answer), classes.resolve(answer), StandardCopyOption.REPLACE_EXISTING);

      assertThat(before.awaitClose(Duration.ofSeconds(10)))
          .isEqualTo(new WsClient.Close(LocalGateway.SERVICE_RESTART, "Service Restart"));
      try (WsClient after = WsClient.connect(chat.webSocketUri())) {
        after.send("{}");
        assertThat(after.next()).isEqualTo("v2");
      }
    }
  }

  @Test
  void a_class_file_that_does_not_load_leaves_the_handler_in_service_and_its_clients_connected() throws Exception {
    Path classes = Files.createDirectories(dir.resolve("classes"));
    compileAnswer("v1", classes);
    Path template = Files.writeString(dir.resolve("template.yaml"), TEMPLATE);
    PrintStream err = System.err;
    ErrWatch refusal = new ErrWatch(err, "the changed classes did not load, so the handlers in service stay");
    System.setErr(refusal);
    try (LocalChat chat = LocalChat.start(LocalChat.Options.defaults().withPort(0).withTemplate(template),
        Optional.empty(), List.of(classes));
         WsClient client = WsClient.connect(chat.webSocketUri())) {
      Files.writeString(classes.resolve("watched/Answer.class"), "not a class file");
      assertThat(refusal.seen.await(HandlerReload.QUIET.toMillis() + 10_000, TimeUnit.MILLISECONDS))
          .as("the reload is tried and refused").isTrue();

      client.send("{}");
      assertThat(client.next()).isEqualTo("v1");
      assertThat(client.closed).isNotDone();
    } finally {
      System.setErr(err);
    }
  }

  /** Standard error, passed on as it is, that counts down {@link #seen} once {@code phrase} has gone through it. */
  private static final class ErrWatch extends PrintStream {
    final CountDownLatch seen = new CountDownLatch(1);
    private final String phrase;
    private final StringBuffer text = new StringBuffer();

    ErrWatch(PrintStream out, String phrase) {
      super(out, true);
      this.phrase = phrase;
    }

    @Override
    public void write(byte[] buffer, int offset, int length) {
      super.write(buffer, offset, length);
      text.append(new String(buffer, offset, length, StandardCharsets.UTF_8));
      if (text.indexOf(phrase) >= 0) {
        seen.countDown();
      }
    }

    @Override
    public void write(int b) {
      write(new byte[] {(byte) b}, 0, 1);
    }
  }
}
