package io.wschat.localgateway.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.api.Test;

class LambdaFunctionTest {
  public static final class Upper implements RequestHandler<Map<String, String>, Map<String, Object>> {
    @Override
    public Map<String, Object> handleRequest(Map<String, String> event, Context context) {
      return Map.of("statusCode", 201, "body", event.get("body").toUpperCase(), "fn", context.getFunctionName());
    }
  }

  @Test
  void a_handler_named_as_lambda_names_it_gets_json_in_and_gives_json_out() throws Exception {
    var function = LambdaFunction.ofHandlerString(Upper.class.getName() + "::handleRequest",
        getClass().getClassLoader());
    byte[] out = function.invoke("{\"body\":\"hi\"}".getBytes(StandardCharsets.UTF_8), new LocalContext("upper"));
    var result = Json.parse(out).orElseThrow();
    assertThat(result.get("statusCode").asInt()).isEqualTo(201);
    assertThat(result.get("body").asText()).isEqualTo("HI");
    assertThat(result.get("fn").asText()).isEqualTo("upper");
  }

  @Test
  void a_stream_handler_gets_the_raw_event_bytes() throws Exception {
    RequestStreamHandler echo = (InputStream in, OutputStream out, Context context) -> in.transferTo(out);
    byte[] out = LambdaFunction.of(echo).invoke("{\"a\":1}".getBytes(StandardCharsets.UTF_8), null);
    assertThat(new String(out, StandardCharsets.UTF_8)).isEqualTo("{\"a\":1}");
  }

  @Test
  void anything_else_is_refused_with_a_reason() {
    assertThatThrownBy(() -> LambdaFunction.of("not a handler"))
        .hasMessageContaining("neither RequestHandler nor RequestStreamHandler");
    assertThatThrownBy(() -> LambdaFunction.ofHandlerString("no.such.Handler", getClass().getClassLoader()))
        .hasMessageContaining("no.such.Handler");
  }
}
