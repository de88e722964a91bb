package io.wschat.localgateway.internal;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Map;
import org.eclipse.jetty.http.HttpField;
import org.eclipse.jetty.http.HttpFields;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http.HttpStatus;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.handler.ErrorHandler;
import org.eclipse.jetty.util.Callback;

/**
 * The errors Jetty answers by itself (an unknown path, a malformed request, a URI too long) in API Gateway's shape
 * instead of an HTML page: a JSON body {@code {"message":"Not Found"}} and the {@code x-amzn-ErrorType} header that
 * the AWS SDKs and CLI read the error type from. Our own handlers write the same shape through {@link #write}.
 */
public final class AwsErrors extends ErrorHandler {
  private static final Map<Integer, String> TYPES = Map.of(
      400, "BadRequestException",
      403, "ForbiddenException",
      404, "NotFoundException",
      405, "MethodNotAllowedException",
      410, "GoneException",
      413, "PayloadTooLargeException",
      429, "LimitExceededException",
      500, "InternalServerErrorException");

  /** API Gateway's error type for a status: the known ones by name, others from the reason phrase. */
  static String type(int status) {
    String known = TYPES.get(status);
    if (known != null) {
      return known;
    }
    StringBuilder type = new StringBuilder();
    for (String word : HttpStatus.getMessage(status).split("[^A-Za-z]+")) {
      if (!word.isEmpty()) {
        type.append(word.substring(0, 1).toUpperCase(Locale.ROOT)).append(word.substring(1).toLowerCase(Locale.ROOT));
      }
    }
    return type + "Exception";
  }

  /** Answers with an AWS-shaped error; a null message is written as {@code "message":null}, as AWS does. */
  static void write(Response response, Callback callback, int status, String type, String message) {
    response.setStatus(status);
    response.getHeaders().put("x-amzn-ErrorType", type);
    response.getHeaders().put("x-amzn-RequestId", java.util.UUID.randomUUID().toString());
    response.getHeaders().put(HttpHeader.CONTENT_TYPE, "application/json");
    response.write(true, ByteBuffer.wrap(body(message)), callback);
  }

  private static byte[] body(String message) {
    return Json.object().put("message", message).toString().getBytes(StandardCharsets.UTF_8);
  }

  @Override
  protected void generateResponse(Request request, Response response, int code, String message, Throwable cause,
      Callback callback) throws IOException {
    write(response, callback, code, type(code), HttpStatus.getMessage(code));
  }

  /** A request Jetty could not even parse (bad request line, URI or headers too long): answered before any handler. */
  @Override
  public ByteBuffer badMessageError(int status, String reason, HttpFields.Mutable fields) {
    fields.put(new HttpField("x-amzn-ErrorType", type(status)));
    fields.put(HttpHeader.CONTENT_TYPE, "application/json");
    return ByteBuffer.wrap(body(HttpStatus.getMessage(status)));
  }
}
