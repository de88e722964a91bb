package io.wschat.adapter.dynamodb;

import com.almworks.sqlite4java.SQLite;
import java.io.File;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Points sqlite4java at its native library, which DynamoDB Local needs. This module's build copies the library to
 * target/native-libs and sets {@value #PROPERTY}; other modules that reuse the test-jar need not: the library is a
 * dependency of DynamoDBLocal, so Maven keeps it in the local repository next to the sqlite4java jar
 * ({@code <repo>/com/almworks/sqlite4java/<artifact>/<version>/}), and it is found there.
 */
final class Sqlite4javaNatives {
  static final String PROPERTY = "sqlite4java.library.path";

  private Sqlite4javaNatives() {}

  /** Sets {@value #PROPERTY} unless it already names a folder holding the library; fails saying what is missing. */
  static void locate() {
    Path jar = sqlite4javaJar();
    String version = version(jar);
    String artifact = artifactId();
    // sqlite4java loads e.g. libsqlite4java-linux-amd64-1.0.392.so, which is exactly its Maven artifact's file name.
    String file = System.mapLibraryName((artifact.startsWith("lib") ? artifact.substring(3) : artifact) + version);
    String configured = System.getProperty(PROPERTY);
    if (configured != null && Files.isRegularFile(Path.of(configured, file))) {
      return;
    }
    List<Path> candidates = new ArrayList<>();
    Path groupFolder = jar.getParent() == null ? null : jar.getParent().getParent();
    if (groupFolder != null && groupFolder.getParent() != null) {
      candidates.add(groupFolder.getParent().resolve(artifact).resolve(version.replaceFirst("^-", "")));
    }
    // A module that depends on the library directly has it on the class path.
    for (String entry : System.getProperty("java.class.path", "").split(File.pathSeparator)) {
      candidates.add(Path.of(entry).toAbsolutePath().getParent());
    }
    for (Path folder : candidates) {
      if (folder != null && Files.isRegularFile(folder.resolve(file))) {
        System.setProperty(PROPERTY, folder.toString());
        return;
      }
    }
    throw new IllegalStateException("DynamoDB Local cannot run in this JVM: sqlite4java's native library " + file
        + " for " + System.getProperty("os.name") + "/" + System.getProperty("os.arch") + " is not in " + PROPERTY
        + " (" + configured + "), beside the sqlite4java jar in the local Maven repository, nor on the class path."
        + " Add the test dependency com.almworks.sqlite4java:" + artifact + ":"
        + file.substring(file.lastIndexOf('.') + 1) + version.replaceFirst("^-", ":") + " (Maven Central has it for"
        + " Linux x86-64, macOS x86-64 and Windows), or install Docker so that the amazon/dynamodb-local image runs"
        + " instead.");
  }

  // The artifact ids of sqlite4java's native libraries on Maven Central, by platform.
  private static String artifactId() {
    String os = System.getProperty("os.name").toLowerCase(Locale.ROOT);
    String arch = System.getProperty("os.arch").toLowerCase(Locale.ROOT);
    if (os.contains("mac")) {
      return "libsqlite4java-osx";
    }
    if (os.contains("windows")) {
      return arch.contains("64") ? "sqlite4java-win32-x64" : "sqlite4java-win32-x86";
    }
    return "libsqlite4java-linux-" + (arch.equals("x86_64") ? "amd64" : arch);
  }

  private static Path sqlite4javaJar() {
    try {
      return Path.of(SQLite.class.getProtectionDomain().getCodeSource().getLocation().toURI());
    } catch (URISyntaxException | RuntimeException e) {
      throw new IllegalStateException("cannot tell where the sqlite4java jar is; set " + PROPERTY, e);
    }
  }

  // "-1.0.392" from sqlite4java-1.0.392.jar; the native library carries the same suffix.
  private static String version(Path jar) {
    String name = jar.getFileName().toString();
    return name.startsWith("sqlite4java-") && name.endsWith(".jar")
        ? name.substring("sqlite4java".length(), name.length() - ".jar".length())
        : "";
  }
}
