package io.wschat.adapter.lambda;

import java.util.List;
import java.util.stream.Stream;

/** The routes the handler serves, derived from {@link Action}: a deployment declares exactly these. */
public final class Routes {
  public static final String CONNECT = "$connect";
  public static final String DISCONNECT = "$disconnect";
  public static final String DEFAULT = "$default";

  /** Every route, each integrated with the handler. */
  public static final List<String> ALL =
      Stream.concat(Stream.of(CONNECT, DISCONNECT, DEFAULT), Action.wireNames().stream()).toList();

  /**
   * The routes whose answer the caller hears: with {@link Acknowledgements#ROUTE_RESPONSE} each is a two-way route
   * (a route response with key {@code $default}). {@code $connect} and {@code $disconnect} never are.
   */
  public static final List<String> ANSWERED =
      Stream.concat(Stream.of(DEFAULT), Action.wireNames().stream()).toList();

  private Routes() {}
}
