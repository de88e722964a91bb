package io.wschat.benchmarks.coldstart.launcher;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;

/** The reference: a hello-world Lambda that reads the event and answers 200, with no library behind it. */
public final class TrivialHandler implements RequestStreamHandler {
  private static final byte[] OK = "{\"statusCode\":200}".getBytes(StandardCharsets.UTF_8);

  @Override
  public void handleRequest(InputStream input, OutputStream output, Context context) throws IOException {
    input.readAllBytes();
    output.write(OK);
  }
}
