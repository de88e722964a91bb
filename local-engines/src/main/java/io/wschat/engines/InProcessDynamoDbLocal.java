package io.wschat.engines;

import java.net.InetAddress;
import java.net.URI;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.util.thread.QueuedThreadPool;
import org.eclipse.jetty.util.thread.ScheduledExecutorScheduler;
import software.amazon.dynamodb.services.local.server.LocalDynamoDBRequestHandler;
import software.amazon.dynamodb.services.local.server.LocalDynamoDBServerHandler;

/**
 * DynamoDB Local in this JVM. Its own runner binds every interface and sends start-up telemetry to AWS, so this
 * builds the same handler (in-memory, no telemetry) and serves it from our own Jetty on an ephemeral loopback port.
 */
final class InProcessDynamoDbLocal implements DynamoDbServer {
  private final Server server;
  private final LocalDynamoDBServerHandler handler;
  private final URI endpoint;
  private final long startMillis;

  private InProcessDynamoDbLocal(Server server, LocalDynamoDBServerHandler handler, URI endpoint, long startMillis) {
    this.server = server;
    this.handler = handler;
    this.endpoint = endpoint;
    this.startMillis = startMillis;
  }

  static InProcessDynamoDbLocal start() {
    long started = System.nanoTime();
    Sqlite4javaNatives.locate();
    QueuedThreadPool threads = new QueuedThreadPool();
    threads.setName("dynamodb-local");
    threads.setDaemon(true); // Jetty's threads never keep a JVM alive (DynamoDB Local's own workers still do)
    Server server = new Server(threads, new ScheduledExecutorScheduler("dynamodb-local-scheduler", true), null);
    ServerConnector connector = new ServerConnector(server);
    String loopback = InetAddress.getLoopbackAddress().getHostAddress();
    connector.setHost(loopback);
    connector.setPort(0); // the OS picks a free port at bind time: no race with other builds on this machine
    server.addConnector(connector);
    try {
      // (instance, inMemory, dbPath, sharedDb, delayTransientStatuses): as the runner's "-inMemory", per region.
      LocalDynamoDBServerHandler handler =
          new LocalDynamoDBServerHandler(new LocalDynamoDBRequestHandler(0, true, null, false, false), null);
      server.setHandler(handler);
      server.start();
      URI endpoint = URI.create("http://" + loopback + ":" + connector.getLocalPort());
      return new InProcessDynamoDbLocal(server, handler, endpoint, (System.nanoTime() - started) / 1_000_000);
    } catch (Exception | LinkageError e) {
      stopQuietly(server);
      throw new IllegalStateException("DynamoDB Local did not start in this JVM: " + e
          + ". Check that DynamoDBLocal and its sqlite4java native library are on the class path (local-engines"
          + " brings both), or install Docker so that the amazon/dynamodb-local image is used instead.", e);
    }
  }

  @Override
  public URI endpoint() {
    return endpoint;
  }

  @Override
  public String description() {
    return "DynamoDB Local in this JVM (started in " + startMillis + " ms)";
  }

  @Override
  public void close() {
    stopQuietly(server);
    handler.close();
  }

  private static void stopQuietly(Server server) {
    try {
      server.stop();
    } catch (Exception e) {
      // The JVM is going away or the start already failed; nothing is left to save.
    }
  }
}
