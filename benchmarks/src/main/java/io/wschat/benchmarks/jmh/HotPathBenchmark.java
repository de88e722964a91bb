package io.wschat.benchmarks.jmh;

import io.wschat.adapter.lambda.Acknowledgements;
import io.wschat.adapter.lambda.EventLog;
import io.wschat.adapter.lambda.Stages;
import io.wschat.adapter.lambda.WebSocketEvent;
import io.wschat.adapter.lambda.WebSocketEventHandler;
import io.wschat.adapter.lambda.WebSocketEventJson;
import io.wschat.adapter.lambda.WebSocketResponse;
import io.wschat.adapter.lambda.WireProtocol;
import io.wschat.adapter.memory.InMemoryConnectionRegistry;
import io.wschat.benchmarks.EventJson;
import io.wschat.domain.model.MessageLimit;
import io.wschat.domain.port.MessageLog;
import io.wschat.domain.port.RateLimiter;
import io.wschat.domain.usecase.IdentityPolicy;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * The handler's hot path in one thread, as {@code ChatLambdaHandler.handleRequest} runs it: event JSON bytes →
 * {@link WebSocketEventJson} → {@link WebSocketEventHandler} (memory registry, a sender that encodes each delivery
 * as the real one does but posts nothing, answers as route responses) → the response JSON, with the one INFO log
 * line per request going to the Lambda logger. ChatLambdaHandler is bypassed only because it wires the real
 * Management API sender.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class HotPathBenchmark {
  private WebSocketEventHandler handler;
  private RecordingSender sender;
  private NullContext context;
  private byte[] send;
  private byte[] register;

  @Setup
  public void setUp() {
    WireProtocol protocol = new WireProtocol(MessageLimit.DEFAULT);
    sender = new RecordingSender(protocol);
    // INFO, as deployed: every event logs one line, to the context's logger.
    InMemoryConnectionRegistry registry = new InMemoryConnectionRegistry();
    // No message log: millions of messages would fill the heap, and the log's cost is measured end to end instead.
    // No send limit either: it measures the path, with one sender sending millions of messages.
    Stages.Stage stage = Stages.Stage.of(registry, MessageLog.NONE, RateLimiter.NONE, sender,
        (connection, frame) -> true);
    handler = new WebSocketEventHandler(registry, MessageLog.NONE, (domain, name) -> stage, protocol,
        new EventLog(EventLog.Level.INFO), IdentityPolicy.OPEN, Acknowledgements.ROUTE_RESPONSE);
    context = new NullContext();
    for (String[] user : new String[][] {{"AliceConnId0=", "alice"}, {"BobConnId00a=", "bob"}}) {
      handle(bytes(EventJson.connect(user[0])));
      handle(bytes(EventJson.message(user[0], "registerUser",
          "{\"action\":\"registerUser\",\"userId\":\"" + user[1] + "\"}")));
    }
    send = bytes(EventJson.message("AliceConnId0=", "sendPrivateMessage",
        "{\"action\":\"sendPrivateMessage\",\"targetUserId\":\"bob\",\"message\":\"Hello, Bob! How are you today?\"}"));
    register = bytes(EventJson.message("AliceConnId0=", "registerUser",
        "{\"action\":\"registerUser\",\"userId\":\"alice\"}"));
    if (handle(send) != 200 || handle(register) != 200 || sender.frames() == 0) {
      throw new IllegalStateException("the hot path does not deliver");
    }
  }

  /** One private message: parse, look up sender and target, encode and "post" the message, answer in the body. */
  @Benchmark
  public int sendPrivateMessage() {
    return handle(send);
  }

  /** A registration of an already registered connection: parse, register, encode the confirmation. */
  @Benchmark
  public int registerUser() {
    return handle(register);
  }

  private int handle(byte[] json) {
    try {
      WebSocketEvent event = WebSocketEventJson.read(new ByteArrayInputStream(json));
      WebSocketResponse response = handler.handle(event, context);
      ByteArrayOutputStream out = new ByteArrayOutputStream(64);
      WebSocketEventJson.write(response, out);
      return out.size() > 0 ? response.statusCode() : -1;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static byte[] bytes(String json) {
    return json.getBytes(StandardCharsets.UTF_8);
  }
}
