package io.wschat.engines;

import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Points sqlite4java at its native library, which DynamoDB Local needs. This module's build packs the libraries
 * into its own jar under {@code native/} (so a shaded jar run anywhere carries them); one for this machine is
 * unpacked into a temporary folder. Failing that (an IDE that skipped the build step), the library is found where
 * Maven keeps it, next to the sqlite4java jar ({@code <repo>/com/almworks/sqlite4java/<artifact>/<version>/}).
 */
final class Sqlite4javaNatives {
  static final String PROPERTY = "sqlite4java.library.path";

  private Sqlite4javaNatives() {}

  /** Sets {@value #PROPERTY} unless it already names a folder holding the library; fails saying what is missing. */
  static synchronized void locate() {
    String artifact = artifactId();
    // The packed copy has no version (sqlite4java tries that name too); Maven's copy is e.g.
    // libsqlite4java-linux-amd64-1.0.392.so, exactly its artifact's file name.
    String packed = System.mapLibraryName(artifact.startsWith("lib") ? artifact.substring(3) : artifact);
    Path jar = sqlite4javaJar();
    String version = version(jar);
    String versioned = System.mapLibraryName((artifact.startsWith("lib") ? artifact.substring(3) : artifact) + version);
    String configured = System.getProperty(PROPERTY);
    if (configured != null && (Files.isRegularFile(Path.of(configured, versioned))
        || Files.isRegularFile(Path.of(configured, packed)))) {
      return;
    }
    if (unpack(packed)) {
      return;
    }
    List<Path> candidates = new ArrayList<>();
    Path groupFolder = jar.getParent() == null ? null : jar.getParent().getParent();
    if (groupFolder != null && groupFolder.getParent() != null) {
      candidates.add(groupFolder.getParent().resolve(artifact).resolve(version.replaceFirst("^-", "")));
    }
    for (String entry : System.getProperty("java.class.path", "").split(File.pathSeparator)) {
      candidates.add(Path.of(entry).toAbsolutePath().getParent());
    }
    for (Path folder : candidates) {
      if (folder != null && Files.isRegularFile(folder.resolve(versioned))) {
        System.setProperty(PROPERTY, folder.toString());
        return;
      }
    }
    throw new IllegalStateException("DynamoDB Local cannot run in this JVM: sqlite4java's native library " + versioned
        + " for " + System.getProperty("os.name") + "/" + System.getProperty("os.arch") + " is not in " + PROPERTY
        + " (" + configured + "), not packed under native/ in local-engines' jar, not beside the sqlite4java jar in"
        + " the local Maven repository, nor on the class path. Maven Central has com.almworks.sqlite4java:" + artifact
        + " for Linux x86-64, macOS x86-64 and Windows; elsewhere install Docker so that the"
        + " amazon/dynamodb-local image runs instead, or use another store.");
  }

  private static boolean unpack(String file) {
    try (InputStream in = Sqlite4javaNatives.class.getResourceAsStream("/native/" + file)) {
      if (in == null) {
        return false;
      }
      Path folder = Files.createTempDirectory("wschat-sqlite4java");
      Path library = folder.resolve(file);
      Files.copy(in, library, StandardCopyOption.REPLACE_EXISTING);
      library.toFile().deleteOnExit();
      folder.toFile().deleteOnExit();
      System.setProperty(PROPERTY, folder.toString());
      return true;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot unpack sqlite4java's native library " + file, e);
    }
  }

  // The artifact ids of sqlite4java's native libraries on Maven Central, by platform.
  private static String artifactId() {
    String os = System.getProperty("os.name").toLowerCase(Locale.ROOT);
    String arch = System.getProperty("os.arch").toLowerCase(Locale.ROOT);
    if (os.contains("mac") || os.contains("darwin")) {
      return "libsqlite4java-osx";
    }
    if (os.contains("windows")) {
      return arch.contains("64") ? "sqlite4java-win32-x64" : "sqlite4java-win32-x86";
    }
    return "libsqlite4java-linux-" + (arch.equals("x86_64") ? "amd64" : arch);
  }

  private static Path sqlite4javaJar() {
    try {
      // By name: DynamoDB Local has sqlite4java in runtime scope only.
      Class<?> sqlite = Class.forName("com.almworks.sqlite4java.SQLite");
      return Path.of(sqlite.getProtectionDomain().getCodeSource().getLocation().toURI());
    } catch (ClassNotFoundException | URISyntaxException | RuntimeException e) {
      throw new IllegalStateException("cannot tell where the sqlite4java jar is; set " + PROPERTY, e);
    }
  }

  // "-1.0.392" from sqlite4java-1.0.392.jar; Maven's copy of the native library carries the same suffix.
  private static String version(Path jar) {
    String name = jar.getFileName().toString();
    return name.startsWith("sqlite4java-") && name.endsWith(".jar")
        ? name.substring("sqlite4java".length(), name.length() - ".jar".length())
        : "";
  }
}
