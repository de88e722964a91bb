package io.wschat.localgateway;

import static io.wschat.localgateway.ConnectIT.quiet;
import static io.wschat.localgateway.RecordingHandler.requestContext;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * The AWS CLI, unchanged, against the emulator. The CLI is one of the README's prerequisites (and {@code .ci/run}
 * installs it), so without {@code aws} on the PATH this test fails and says what to install: it never skips.
 */
class AwsCliIT {

  @Test
  void aws_cli_post_to_connection_reaches_the_client_and_a_closed_connection_is_gone() throws Exception {
    var aws = findOnPath("aws");
    assertThat(aws).as("AwsCliIT needs the AWS CLI on the PATH; install it: on Debian/Ubuntu `sudo apt-get install "
        + "awscli`, on macOS `brew install awscli`").isNotNull();

    var connect = new RecordingHandler();
    var disconnect = new RecordingHandler();
    try (var gateway = quiet().route("$connect", connect).route("$disconnect", disconnect).build().start()) {
      var client = WsClient.connect(gateway.webSocketUri());
      String id = (String) requestContext(connect.next()).get("connectionId");
      WsClient.awaitReachable(gateway.managementEndpoint(), id);

      var sent = run(aws, gateway, id, "{\"from\":\"cli\"}");
      assertThat(sent.exit()).as(sent.output()).isZero();
      assertThat(client.next()).isEqualTo("{\"from\":\"cli\"}");

      client.closeWith(1000, "");
      disconnect.next();
      var gone = run(aws, gateway, id, "late");
      assertThat(gone.exit()).isNotZero();
      assertThat(gone.output()).contains("GoneException");
    }
  }

  private record Result(int exit, String output) {}

  private static Result run(Path aws, LocalGateway gateway, String connectionId, String data) throws Exception {
    var process = new ProcessBuilder(aws.toString(), "apigatewaymanagementapi", "post-to-connection",
        "--connection-id=" + connectionId, "--data", data,
        "--endpoint-url", gateway.managementEndpoint().toString())
        .redirectErrorStream(true);
    // CLI v1 sends --data as given; v2 expects base64 unless told otherwise, and v1 rejects the flag that
    // would tell it, but ignores the config setting.
    Path config = Files.writeString(Files.createTempFile("aws-config", ".ini"),
        "[default]\nregion = us-east-1\ncli_binary_format = raw-in-base64-out\n");
    config.toFile().deleteOnExit();
    process.environment().putAll(java.util.Map.of("AWS_ACCESS_KEY_ID", "local", "AWS_SECRET_ACCESS_KEY", "local",
        "AWS_CONFIG_FILE", config.toString(), "AWS_SHARED_CREDENTIALS_FILE", "/dev/null", "AWS_PAGER", ""));
    var p = process.start();
    if (!p.waitFor(60, TimeUnit.SECONDS)) {
      p.destroyForcibly();
      throw new AssertionError("aws CLI did not finish within 60 s");
    }
    return new Result(p.exitValue(), new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8));
  }

  private static Path findOnPath(String command) {
    List<String> dirs = Arrays.asList(System.getenv().getOrDefault("PATH", "").split(File.pathSeparator));
    return dirs.stream().map(dir -> Path.of(dir, command)).filter(Files::isExecutable).findFirst().orElse(null);
  }
}
