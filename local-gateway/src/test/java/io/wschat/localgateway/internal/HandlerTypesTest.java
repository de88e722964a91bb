package io.wschat.localgateway.internal;

import static org.assertj.core.api.Assertions.assertThat;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class HandlerTypesTest {
  record Event(String body) {}

  static final class Direct implements RequestHandler<Event, String> {
    @Override public String handleRequest(Event input, Context context) { return null; }
  }

  abstract static class Base<T> implements RequestHandler<T, Void> {}

  static final class ThroughSuperclass extends Base<Event> {
    @Override public Void handleRequest(Event input, Context context) { return null; }
  }

  interface EventHandler extends RequestHandler<Event, Void> {}

  static final class ThroughInterface implements EventHandler {
    @Override public Void handleRequest(Event input, Context context) { return null; }
  }

  static final class Parameterised implements RequestHandler<List<String>, Void> {
    @Override public Void handleRequest(List<String> input, Context context) { return null; }
  }

  @Test
  void finds_the_declared_input_type_however_it_is_bound() {
    assertThat(HandlerTypes.inputType(Direct.class)).isEqualTo(Event.class);
    assertThat(HandlerTypes.inputType(ThroughSuperclass.class)).isEqualTo(Event.class);
    assertThat(HandlerTypes.inputType(ThroughInterface.class)).isEqualTo(Event.class);
    assertThat(HandlerTypes.inputType(Parameterised.class)).isEqualTo(List.class);
  }

  @Test
  void falls_back_to_map_when_the_type_is_erased() {
    RequestHandler<Event, Void> lambda = (input, context) -> null;
    assertThat(HandlerTypes.inputType(lambda.getClass())).isEqualTo(Map.class);
  }
}
