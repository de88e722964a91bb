package io.wschat.localgateway.runner;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Locale;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.util.thread.QueuedThreadPool;
import software.amazon.dynamodb.services.local.server.LocalDynamoDBRequestHandler;
import software.amazon.dynamodb.services.local.server.LocalDynamoDBServerHandler;

/**
 * DynamoDB Local, in memory, inside this JVM, for {@code --store dynamodb}. Its own launcher binds every interface
 * and phones home, so we serve its handler from our own Jetty on loopback. Its SQLite engine needs a native
 * library; the build packs the sqlite4java libraries into this jar under {@code native/}, and we unpack the one
 * for this machine into a temporary folder.
 */
public final class EmbeddedDynamoDb implements AutoCloseable {
  private static final String LIBRARY_PATH = "sqlite4java.library.path";

  private final Server server;
  private final LocalDynamoDBServerHandler handler;
  private final URI endpoint;

  private EmbeddedDynamoDb(Server server, LocalDynamoDBServerHandler handler, URI endpoint) {
    this.server = server;
    this.handler = handler;
    this.endpoint = endpoint;
  }

  /** Starts an empty, in-memory DynamoDB Local on a free loopback port. */
  public static EmbeddedDynamoDb start() {
    unpackNativeLibrary();
    QueuedThreadPool threads = new QueuedThreadPool();
    threads.setName("dynamodb-local");
    threads.setDaemon(true);
    Server server = new Server(threads);
    ServerConnector connector = new ServerConnector(server);
    String loopback = InetAddress.getLoopbackAddress().getHostAddress();
    connector.setHost(loopback);
    connector.setPort(0);
    server.addConnector(connector);
    try {
      // (instance, inMemory, dbPath, sharedDb, delayTransientStatuses): what "-inMemory" gives.
      LocalDynamoDBServerHandler handler =
          new LocalDynamoDBServerHandler(new LocalDynamoDBRequestHandler(0, true, null, false, false), null);
      server.setHandler(handler);
      server.start();
      return new EmbeddedDynamoDb(server, handler, URI.create("http://" + loopback + ":" + connector.getLocalPort()));
    } catch (Exception e) {
      try {
        server.stop();
      } catch (Exception ignored) {
        // the start failed already; nothing more to stop
      }
      throw new IllegalStateException("DynamoDB Local did not start: " + e.getMessage(), e);
    }
  }

  public URI endpoint() {
    return endpoint;
  }

  private static void unpackNativeLibrary() {
    if (System.getProperty(LIBRARY_PATH) != null) {
      return;
    }
    String file = System.mapLibraryName(libraryName());
    try (InputStream in = EmbeddedDynamoDb.class.getResourceAsStream("/native/" + file)) {
      if (in == null) {
        throw new IllegalStateException("--store dynamodb needs sqlite4java's native library " + file + " for "
            + System.getProperty("os.name") + "/" + System.getProperty("os.arch")
            + ", which this build does not carry; use --store memory or --store redis here");
      }
      Path folder = Files.createTempDirectory("wschat-sqlite4java");
      Path library = folder.resolve(file);
      Files.copy(in, library, StandardCopyOption.REPLACE_EXISTING);
      library.toFile().deleteOnExit();
      folder.toFile().deleteOnExit();
      System.setProperty(LIBRARY_PATH, folder.toString());
    } catch (IOException e) {
      throw new UncheckedIOException("cannot unpack sqlite4java's native library", e);
    }
  }

  /** The library's name on this machine, e.g. libsqlite4java-linux-amd64.so. */
  private static String libraryName() {
    String os = System.getProperty("os.name").toLowerCase(Locale.ROOT);
    String arch = System.getProperty("os.arch").toLowerCase(Locale.ROOT);
    String name;
    if (os.contains("mac") || os.contains("darwin")) {
      name = "sqlite4java-osx";
    } else if (os.contains("windows")) {
      name = arch.contains("64") ? "sqlite4java-win32-x64" : "sqlite4java-win32-x86";
    } else {
      name = "sqlite4java-linux-" + (arch.equals("amd64") || arch.equals("x86_64") ? "amd64" : arch);
    }
    return name; // the build strips the version; sqlite4java also tries the unversioned name
  }

  @Override
  public void close() {
    try {
      server.stop();
    } catch (Exception e) {
      // shutting down anyway
    }
    handler.close();
  }
}
