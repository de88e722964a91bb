package io.wschat.localchat;

import io.wschat.engines.DynamoDbServer;
import io.wschat.localgateway.LocalGateway;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.stream.Stream;

/**
 * The watch mode ({@code --watch}), in the spirit of serverless-offline's {@code --reloadHandler}, but once per
 * compilation rather than on every request: when class files under the watched directories change, the template's
 * handlers are built again in a fresh {@link ChildFirstClassLoader} and put in service with
 * {@link LocalGateway#reload}, which closes open connections with 1012 so their clients reconnect. The old
 * generation is closed after its running invocations finish. What a handler kept in memory (the memory store) is
 * gone with it; Redis and DynamoDB keep theirs. A generation that fails to build (a half-written class, a
 * compilation error) leaves the one in service as it is.
 */
final class HandlerReload implements AutoCloseable {
  /**
   * How long the class files must be left alone before a reload. A compiler writes them in a burst, but not at once:
   * javac writes each class as it generates it, and on a busy machine (two cores, five builds) a burst had gaps of
   * almost a second; with 200 ms, one compile gave five reloads.
   */
  static final Duration QUIET = Duration.ofMillis(1_000);

  private final LocalGateway gateway;
  private final List<Path> classes;
  private final Function<ClassLoader, LocalChat.Handlers> build;
  private LocalChat.Handlers current; // guarded by this
  private ClassesWatcher watcher;
  private boolean closed; // guarded by this

  private HandlerReload(LocalGateway gateway, List<Path> classes, Function<ClassLoader, LocalChat.Handlers> build,
      LocalChat.Handlers current) {
    this.gateway = gateway;
    this.classes = List.copyOf(classes);
    this.build = build;
    this.current = current;
  }

  static HandlerReload start(LocalGateway gateway, List<Path> classes,
      Function<ClassLoader, LocalChat.Handlers> build, LocalChat.Handlers current) {
    HandlerReload reload = new HandlerReload(gateway, classes, build, current);
    reload.watcher = ClassesWatcher.start(classes, QUIET, reload::reload);
    return reload;
  }

  /**
   * The modules' class directories under a repository root: every {@code *}{@code /target/classes} except those of
   * the runner itself (the emulator, its engines and this runner), whose classes are not reloaded.
   */
  static List<Path> moduleClasses(Path root) {
    try (Stream<Path> modules = Files.list(root)) {
      List<Path> found = modules.map(module -> module.resolve("target/classes")).filter(Files::isDirectory)
          .filter(classes -> Stream.of(LocalChat.class, LocalGateway.class, DynamoDbServer.class)
              .noneMatch(runner -> Files.isDirectory(classes.resolve(packageDirectory(runner)))))
          .sorted().toList();
      if (found.isEmpty()) {
        throw new IllegalArgumentException("--watch reloads the handlers from the modules' target/classes, and "
            + root.toAbsolutePath().normalize() + " has none: run it from the repository root, after ./mvnw -o -q"
            + " compile");
      }
      return found;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot list the modules in " + root, e);
    }
  }

  private static String packageDirectory(Class<?> type) {
    return type.getPackageName().replace('.', '/');
  }

  private synchronized void reload(long firstChange, long lastChange) {
    if (closed) {
      return;
    }
    LocalChat.Handlers next;
    ChildFirstClassLoader loader = new ChildFirstClassLoader(classes, LocalChat.class.getClassLoader());
    try {
      next = build.apply(loader);
    } catch (RuntimeException | LinkageError e) {
      closeQuietly(loader);
      System.err.println("wschat-local: the changed classes did not load, so the handlers in service stay: " + e);
      return;
    }
    long built = System.nanoTime();
    int closed;
    try {
      closed = gateway.reload(next.routes(), next.authorizer());
    } catch (RuntimeException e) {
      next.close();
      System.err.println("wschat-local: the new handlers were refused, so those in service stay: " + e);
      return;
    }
    long served = System.nanoTime();
    LocalChat.Handlers previous = current;
    current = next;
    previous.close();
    System.out.println("wschat-local: reloaded the handlers " + millis(served - lastChange) + " ms after the last"
        + " class file changed (" + QUIET.toMillis() + " ms of quiet, then " + millis(built - lastChange - QUIET.toNanos())
        + " ms to load, " + millis(served - built) + " ms to swap) and " + millis(served - firstChange)
        + " ms after the first; " + closed + " connections closed with 1012 to reconnect");
  }

  private static long millis(long nanos) {
    return TimeUnit.NANOSECONDS.toMillis(nanos);
  }

  private static void closeQuietly(AutoCloseable closeable) {
    try {
      closeable.close();
    } catch (Exception e) {
      // nothing was loaded from it into service
    }
  }

  @Override
  public synchronized void close() throws IOException {
    closed = true;
    watcher.close();
    current.close();
  }
}
