package io.wschat.localchat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.ClosedWatchServiceException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardWatchEventKinds;
import java.nio.file.WatchKey;
import java.nio.file.WatchService;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * Watches the class files in directory trees (the JDK's {@link WatchService}, one registration per directory, new ones included) and,
 * once a burst of changes has been quiet for a while (a compiler writes many class files), calls back on its own
 * daemon thread with the {@link System#nanoTime()} at which the burst's first and last changes were seen.
 */
final class ClassesWatcher implements AutoCloseable {
  /** Called once a burst of changes is over. */
  interface Changed {
    void after(long firstSeenNanos, long lastSeenNanos);
  }

  private final List<Path> roots;
  private final Duration quiet;
  private final Changed changed;
  private final WatchService service;
  private final Thread thread;

  private ClassesWatcher(List<Path> roots, Duration quiet, Changed changed) throws IOException {
    this.roots = List.copyOf(roots);
    this.quiet = quiet;
    this.changed = changed;
    this.service = FileSystems.getDefault().newWatchService();
    this.thread = new Thread(this::run, "wschat-local-watch");
    thread.setDaemon(true);
  }

  static ClassesWatcher start(List<Path> roots, Duration quiet, Changed changed) {
    try {
      ClassesWatcher watcher = new ClassesWatcher(roots, quiet, changed);
      watcher.registerAll();
      watcher.thread.start();
      return watcher;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot watch " + roots, e);
    }
  }

  /** Every directory under the roots; registering one again is harmless, so this also picks up new ones. */
  private void registerAll() throws IOException {
    for (Path root : roots) {
      if (!Files.isDirectory(root)) {
        continue; // a clean build removed it; it is registered again after the next change elsewhere or restart
      }
      try (Stream<Path> directories = Files.walk(root)) {
        for (Path directory : (Iterable<Path>) directories.filter(Files::isDirectory)::iterator) {
          directory.register(service, StandardWatchEventKinds.ENTRY_CREATE, StandardWatchEventKinds.ENTRY_MODIFY,
              StandardWatchEventKinds.ENTRY_DELETE);
        }
      }
    }
  }

  private void run() {
    try {
      while (true) {
        WatchKey first = service.take();
        if (!classesChanged(first)) {
          continue;
        }
        long firstSeen = System.nanoTime();
        long lastSeen = firstSeen;
        WatchKey next;
        while ((next = service.poll(quiet.toMillis(), TimeUnit.MILLISECONDS)) != null) {
          if (classesChanged(next)) {
            lastSeen = System.nanoTime();
          }
        }
        registerAll();
        changed.after(firstSeen, lastSeen);
      }
    } catch (InterruptedException | ClosedWatchServiceException e) {
      // closed
    } catch (IOException e) {
      System.err.println("wschat-local: stopped watching " + roots + ": " + e);
    }
  }

  /**
   * Whether a class file (or a directory, which may hold new ones) changed. Other files do not count: Maven copies
   * the resources seconds before it compiles, and a reload then would be one too many.
   */
  private static boolean classesChanged(WatchKey key) {
    boolean classes = key.pollEvents().stream().anyMatch(event -> event.kind() == StandardWatchEventKinds.OVERFLOW
        || event.context().toString().endsWith(".class") || !event.context().toString().contains("."));
    key.reset();
    return classes;
  }

  @Override
  public void close() throws IOException {
    service.close();
    thread.interrupt();
  }
}
