package io.wschat.bootstrap.snapstart;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import software.amazon.awssdk.http.AbortableInputStream;
import software.amazon.awssdk.http.ExecutableHttpRequest;
import software.amazon.awssdk.http.HttpExecuteRequest;
import software.amazon.awssdk.http.HttpExecuteResponse;
import software.amazon.awssdk.http.SdkHttpClient;
import software.amazon.awssdk.http.SdkHttpResponse;

/**
 * An HTTP client that answers every request with 200 and an empty JSON object, and sends nothing. Priming runs
 * the SDK's real marshalling, signing and unmarshalling through it, so no traffic leaves and no data changes.
 */
final class NoNetworkHttpClient implements SdkHttpClient {
  private static final byte[] EMPTY_OBJECT = "{}".getBytes(StandardCharsets.UTF_8);

  @Override
  public ExecutableHttpRequest prepareRequest(HttpExecuteRequest request) {
    return new ExecutableHttpRequest() {
      @Override
      public HttpExecuteResponse call() {
        return HttpExecuteResponse.builder()
            .response(SdkHttpResponse.builder().statusCode(200).putHeader("Content-Type", "application/x-amz-json-1.0")
                .build())
            .responseBody(AbortableInputStream.create(new ByteArrayInputStream(EMPTY_OBJECT)))
            .build();
      }

      @Override
      public void abort() {}
    };
  }

  @Override
  public void close() {}
}
