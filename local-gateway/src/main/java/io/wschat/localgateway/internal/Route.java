package io.wschat.localgateway.internal;

/**
 * A route and its Lambda proxy integration. With {@code routeResponse}, the integration's {@code body} goes back to
 * the client as a frame, as a route response does on API Gateway; without it the result is not seen by the client.
 */
public record Route(String key, LambdaFunction function, boolean routeResponse) {
  public Route {
    if (key == null || key.isBlank()) {
      throw new IllegalArgumentException("a route key is required");
    }
    if (function == null) {
      throw new IllegalArgumentException("route " + key + " needs an integration");
    }
  }
}
