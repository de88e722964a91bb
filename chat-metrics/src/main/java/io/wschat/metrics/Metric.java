package io.wschat.metrics;

import java.util.List;

/**
 * Every metric wschat emits, in the namespace {@link #NAMESPACE}: the one place that names them. The template's
 * alarms and dashboard name only these (TemplateTest), and local-chat's Prometheus page shows the same ones. Each
 * is published under the dimension {@link Dimension#STAGE} alone and, when it has {@link #dimensions()}, under the
 * stage and those too: the first is its total, which alarms use.
 */
public enum Metric {
  /** Events the chat function handled, whatever their outcome: the denominator of the error rate. */
  REQUESTS("Requests", Unit.COUNT),
  /** Events answered with INTERNAL_ERROR (or 500 on $connect/$disconnect): an infrastructure failure. */
  INTERNAL_ERRORS("InternalErrors", Unit.COUNT),
  /** Requests refused with an error code, of any action, by code. */
  REQUESTS_REJECTED("RequestsRejected", Unit.COUNT, Dimension.CODE),
  /** sendPrivateMessage requests accepted: stored, delivered live, or both. */
  MESSAGES_SENT("MessagesSent", Unit.COUNT),
  /** Live connections that accepted a sent message (one message to two tabs counts 2). */
  MESSAGES_DELIVERED("MessagesDelivered", Unit.COUNT),
  /** Sent messages the conversation log kept, for history and the offline inbox. */
  MESSAGES_STORED("MessagesStored", Unit.COUNT),
  /** Stored messages delivered later, by sync. */
  MESSAGES_SYNCED("MessagesSynced", Unit.COUNT),
  /** sendPrivateMessage requests refused, by code (USER_NOT_CONNECTED, RATE_LIMITED, MESSAGE_TOO_LARGE, ...). */
  MESSAGES_REJECTED("MessagesRejected", Unit.COUNT, Dimension.CODE),
  /** PostToConnection calls answered 410: the connection was gone, and the chat forgot it. */
  DELIVERIES_GONE("DeliveriesGone", Unit.COUNT),
  /** How long one PostToConnection call took, its retries included. */
  MANAGEMENT_API_LATENCY("ManagementApiLatency", Unit.MILLISECONDS),
  /** PostToConnection calls still answered 429 after the retries: API Gateway is throttling the callbacks. */
  MANAGEMENT_API_THROTTLED("ManagementApiThrottled", Unit.COUNT),
  /** PostToConnection calls that failed after the retries (5xx, no answer, or another refusal). */
  MANAGEMENT_API_FAILED("ManagementApiFailed", Unit.COUNT),
  /** How long one store call took. */
  STORE_LATENCY("StoreLatency", Unit.MILLISECONDS, Dimension.STORE, Dimension.OPERATION),
  /** Store calls that threw: the store was unreachable, throttled past its retries, or refused. */
  STORE_FAILURES("StoreFailures", Unit.COUNT, Dimension.STORE, Dimension.OPERATION),
  /** Connections the $connect authorizer let in. */
  AUTHORIZER_ALLOWED("AuthorizerAllowed", Unit.COUNT),
  /** Connections the $connect authorizer refused, by reason category; never the token. */
  AUTHORIZER_DENIED("AuthorizerDenied", Unit.COUNT, Dimension.REASON);

  /** The CloudWatch namespace of every wschat metric. */
  public static final String NAMESPACE = "wschat";

  /** What a metric's values measure. */
  public enum Unit {
    COUNT,
    MILLISECONDS
  }

  private final String metricName;
  private final Unit unit;
  private final List<Dimension> dimensions;

  Metric(String metricName, Unit unit, Dimension... extra) {
    this.metricName = metricName;
    this.unit = unit;
    this.dimensions = List.of(extra);
  }

  /** The name in CloudWatch, as alarms and dashboards spell it. */
  public String metricName() {
    return metricName;
  }

  public Unit unit() {
    return unit;
  }

  /** The dimensions besides {@link Dimension#STAGE}, in the order {@link Metrics#record} takes their values. */
  public List<Dimension> dimensions() {
    return dimensions;
  }
}
