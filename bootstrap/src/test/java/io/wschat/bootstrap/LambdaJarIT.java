package io.wschat.bootstrap;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The shaded Lambda jar in a fresh JVM, with nothing else on its class path, as the Lambda runtime starts it: the
 * no-arg constructor (configuration from the environment), then events. The store, Redis, is down: the init must
 * not fail, the first failing event logs one line naming REDIS_URL and the address, each event writes its EMF
 * metrics (so the jar holds everything the EMF library needs), and stderr carries no SLF4J complaint about a
 * missing provider. The authorizer, in a JVM of its own, likewise.
 */
class LambdaJarIT {
  private static final Path JAR = Path.of("target", "wschat-lambda.jar");

  @Test
  void starts_without_its_store_names_it_once_and_prints_no_slf4j_warning(@TempDir Path dir) throws Exception {
    List<String> err = chat(dir, "INFO");
    assertThat(err).as("at INFO the libraries print nothing here (their DEBUG lines are below)").isEmpty();
  }

  /** LOG_LEVEL governs the libraries' lines too (slf4j-simple in the jar), not only the chat's JSON lines. */
  @Test
  void log_level_debug_shows_the_libraries_debug_lines(@TempDir Path dir) throws Exception {
    assertThat(chat(dir, "DEBUG")).anyMatch(l -> l.startsWith("DEBUG redis.clients.jedis"));
  }

  /** Runs the chat in a fresh JVM with Redis down, checks its stdout, and returns its stderr. */
  private static List<String> chat(Path dir, String logLevel) throws Exception {
    assertThat(JAR).as("built by the package phase (maven-shade-plugin)").exists();
    int deadPort;
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      deadPort = socket.getLocalPort(); // free, and closed below: nothing listens there
    }
    Path probe = dir.resolve("Probe.java");
    Files.writeString(probe, """
        import java.io.ByteArrayInputStream;
        import java.io.ByteArrayOutputStream;
        import java.nio.charset.StandardCharsets;
        public class Probe {
          public static void main(String[] args) throws Exception {
            var handler = new io.wschat.bootstrap.ChatLambdaHandler();
            System.out.println("PROBE init ok");
            for (int i = 0; i < 2; i++) {
              String event = "{\\"requestContext\\":{\\"routeKey\\":\\"registerUser\\",\\"connectionId\\":\\"c-" + i
                  + "=\\",\\"domainName\\":\\"x.invalid\\",\\"stage\\":\\"s\\",\\"requestId\\":\\"r\\",\\"eventType\\":"
                  + "\\"MESSAGE\\"},\\"body\\":\\"{\\\\\\"action\\\\\\":\\\\\\"registerUser\\\\\\",\\\\\\"userId\\\\\\":"
                  + "\\\\\\"alice\\\\\\"}\\",\\"isBase64Encoded\\":false}";
              ByteArrayOutputStream out = new ByteArrayOutputStream();
              handler.handleRequest(new ByteArrayInputStream(event.getBytes(StandardCharsets.UTF_8)), out, null);
              System.out.println("PROBE answer " + out.toString(StandardCharsets.UTF_8));
            }
          }
        }
        """);
    ProcessBuilder builder = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "-cp", JAR.toAbsolutePath().toString(), probe.toString())
        .redirectOutput(dir.resolve("out.txt").toFile()).redirectError(dir.resolve("err.txt").toFile());
    builder.environment().clear();
    builder.environment().put("AWS_LAMBDA_FUNCTION_NAME", "wschat-probe");
    builder.environment().put("AWS_REGION", "eu-west-1");
    builder.environment().put("CHAT_STORE", "redis");
    builder.environment().put("REDIS_URL", "redis://127.0.0.1:" + deadPort);
    builder.environment().put("MESSAGE_RETENTION", "none");
    builder.environment().put("LOG_LEVEL", logLevel);
    Process process = builder.start();
    assertThat(process.waitFor(60, TimeUnit.SECONDS)).as("the probe ends").isTrue();
    List<String> out = lines(dir.resolve("out.txt"));
    List<String> err = lines(dir.resolve("err.txt"));

    assertThat(process.exitValue()).as("stdout %s%nstderr %s", out, err).isZero();
    assertThat(out).contains("PROBE init ok");
    assertThat(out).filteredOn(l -> l.startsWith("PROBE answer")).hasSize(2)
        .allSatisfy(l -> assertThat(l).contains("INTERNAL_ERROR"));
    assertThat(out).filteredOn(l -> l.contains("\"store_unreachable\"")).singleElement().asString()
        .contains("REDIS_URL=redis://127.0.0.1:" + deadPort).contains(" unreachable: ");
    assertThat(err).noneMatch(l -> l.contains("SLF4J"));
    List<String> emf = out.stream().filter(l -> l.startsWith("{\"_aws\"")).toList();
    assertThat(emf).as("EMF lines").anySatisfy(l -> assertThat(l).contains("\"InternalErrors\":1.0")
        .contains("\"Stage\":\"s\""));
    assertThat(emf).anySatisfy(l -> assertThat(l).contains("\"StoreFailures\":1.0").contains("\"Store\":\"redis\"")
        .contains("\"Operation\":\"registry.register\""));
    return err;
  }

  @Test
  void the_authorizer_writes_its_metrics_and_no_slf4j_warning(@TempDir Path dir) throws Exception {
    assertThat(JAR).as("built by the package phase (maven-shade-plugin)").exists();
    Path probe = dir.resolve("Probe.java");
    Files.writeString(probe, """
        public class Probe {
          public static void main(String[] args) throws Exception {
            var authorizer = new io.wschat.bootstrap.TokenAuthorizer();
            String event = "{\\"methodArn\\":\\"arn:aws:execute-api:eu-west-1:1:a/s/$connect\\",\\"requestContext\\":"
                + "{\\"stage\\":\\"s\\",\\"connectionId\\":\\"c=\\",\\"requestId\\":\\"r\\"}}";
            try {
              authorizer.handleRequest(new java.io.ByteArrayInputStream(event.getBytes()),
                  new java.io.ByteArrayOutputStream(), null);
            } catch (IllegalStateException refused) {
              System.out.println("PROBE " + refused.getMessage());
            }
          }
        }
        """);
    ProcessBuilder builder = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "-cp", JAR.toAbsolutePath().toString(), probe.toString())
        .redirectOutput(dir.resolve("out.txt").toFile()).redirectError(dir.resolve("err.txt").toFile());
    builder.environment().clear();
    builder.environment().put("AWS_LAMBDA_FUNCTION_NAME", "wschat-probe-authorizer");
    builder.environment().put("AWS_REGION", "eu-west-1");
    builder.environment().put("JWT_SECRET", "0123456789abcdef0123456789abcdef");
    builder.environment().put("JWT_ISSUER", "https://issuer.example");
    builder.environment().put("JWT_AUDIENCE", "wschat");
    Process process = builder.start();
    assertThat(process.waitFor(60, TimeUnit.SECONDS)).as("the probe ends").isTrue();
    List<String> out = lines(dir.resolve("out.txt"));
    List<String> err = lines(dir.resolve("err.txt"));

    assertThat(process.exitValue()).as("stdout %s%nstderr %s", out, err).isZero();
    assertThat(out).contains("PROBE Unauthorized");
    assertThat(out).filteredOn(l -> l.startsWith("{\"_aws\"")).singleElement().asString()
        .contains("\"AuthorizerDenied\":1.0").contains("\"Reason\":\"no_token\"").contains("\"Stage\":\"s\"");
    assertThat(err).as("stderr").noneMatch(l -> l.contains("SLF4J"));
  }

  private static List<String> lines(Path file) throws IOException {
    return Files.readAllLines(file, StandardCharsets.UTF_8);
  }
}
