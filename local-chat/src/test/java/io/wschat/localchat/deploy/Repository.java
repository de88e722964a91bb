package io.wschat.localchat.deploy;

import java.nio.file.Files;
import java.nio.file.Path;

/** The files of the repository the deployment and end-to-end tests read, found from wherever Maven runs the tests. */
public final class Repository {
  private Repository() {}

  public static Path root() {
    Path dir = Path.of("").toAbsolutePath();
    while (dir != null) {
      if (Files.isRegularFile(dir.resolve("template.yaml")) && Files.isRegularFile(dir.resolve("mvnw"))) {
        return dir;
      }
      dir = dir.getParent();
    }
    throw new IllegalStateException("no template.yaml beside mvnw above " + Path.of("").toAbsolutePath());
  }

  public static Path file(String relative) {
    return root().resolve(relative);
  }
}
