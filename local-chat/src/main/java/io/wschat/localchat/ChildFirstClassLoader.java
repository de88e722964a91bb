package io.wschat.localchat;

import java.net.MalformedURLException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Path;
import io.wschat.metrics.Dimension;
import io.wschat.metrics.Metric;
import io.wschat.metrics.Metrics;
import java.util.List;
import java.util.Set;

/**
 * Loads the classes and resources of some directories before its parent's, so that a class compiled there anew wins
 * over the copy in the runner's jar; everything else (the JDK, the Lambda runtime interfaces, libraries) comes from
 * the parent, so the gateway and the handlers it loads agree on those types. One per generation of handlers: a fresh
 * one sees the class files as they are now.
 */
final class ChildFirstClassLoader extends URLClassLoader {
  static {
    registerAsParallelCapable();
  }

  ChildFirstClassLoader(List<Path> directories, ClassLoader parent) {
    super("watched-classes", urls(directories), parent);
  }

  private static URL[] urls(List<Path> directories) {
    URL[] urls = new URL[directories.size()];
    for (int i = 0; i < urls.length; i++) {
      try {
        urls[i] = directories.get(i).toUri().toURL();
      } catch (MalformedURLException e) {
        throw new IllegalArgumentException("not a class directory: " + directories.get(i), e);
      }
    }
    return urls;
  }

  /**
   * The metrics port is shared with the runner, whose registry outlives every generation of handlers: its types
   * always come from the parent, or a reloaded handler could not take the runner's {@code Metrics}. Only the port:
   * the decorators beside it implement the domain's ports, which reload.
   */
  static final Set<String> SHARED = Set.of(Metrics.class.getName(), Metric.class.getName(),
      Dimension.class.getName());

  private static boolean shared(String name) {
    int nested = name.indexOf('$');
    return SHARED.contains(nested < 0 ? name : name.substring(0, nested));
  }

  @Override
  protected Class<?> loadClass(String name, boolean resolve) throws ClassNotFoundException {
    synchronized (getClassLoadingLock(name)) {
      Class<?> type = findLoadedClass(name);
      if (type == null && !shared(name) && findResource(name.replace('.', '/') + ".class") != null) {
        type = findClass(name);
      }
      if (type == null) {
        return super.loadClass(name, resolve);
      }
      if (resolve) {
        resolveClass(type);
      }
      return type;
    }
  }

  @Override
  public URL getResource(String name) {
    URL own = findResource(name);
    return own != null ? own : super.getResource(name);
  }
}
