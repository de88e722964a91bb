package io.wschat.localchat;

import java.io.IOException;
import java.io.PrintWriter;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;

/**
 * Where the local runner takes the Redis password from, so that it need not appear in {@code ps}: the environment
 * variable {@value #VARIABLE} or a file, joined here to the {@code --redis-url} in memory only. A password in the
 * URL itself still works, with a warning that every user of the machine can read it.
 */
final class RedisPassword {
  static final String VARIABLE = "REDIS_PASSWORD";

  private RedisPassword() {}

  /**
   * The URL the chat connects with: {@code url} with the password from {@code file} or {@code environment} added.
   *
   * @throws IllegalArgumentException if the password is given twice, or the file cannot be read; never naming it
   */
  static Optional<String> effectiveUrl(Optional<String> url, Optional<Path> file, Map<String, String> environment,
      PrintWriter warnings) {
    Optional<String> fromEnvironment = Optional.ofNullable(environment.get(VARIABLE)).filter(p -> !p.isEmpty());
    if (fromEnvironment.isPresent() && file.isPresent()) {
      throw new IllegalArgumentException(VARIABLE + " and --redis-password-file both give the Redis password; use one");
    }
    Optional<String> password = file.map(RedisPassword::read).or(() -> fromEnvironment);
    if (url.isEmpty()) {
      if (password.isPresent()) {
        throw new IllegalArgumentException("a Redis password without --redis-url redis://host:port");
      }
      return url;
    }
    URI uri = parse(url.get());
    // From the raw authority, not getRawUserInfo(): a cluster's several hosts make it an authority java.net.URI
    // does not split.
    String authority0 = uri.getRawAuthority();
    String userInfo = authority0.lastIndexOf('@') < 0 ? null : authority0.substring(0, authority0.lastIndexOf('@'));
    boolean inUrl = userInfo != null && userInfo.contains(":");
    if (inUrl && password.isPresent()) {
      throw new IllegalArgumentException("--redis-url holds a password, and " + (file.isPresent()
          ? "--redis-password-file" : VARIABLE) + " gives another; keep it out of the URL");
    }
    if (inUrl) {
      warnings.println("wschat-local: warning: the Redis password in --redis-url is visible to every user of this"
          + " machine (ps, /proc); give it as " + VARIABLE + "=... or --redis-password-file instead");
      return url;
    }
    if (password.isEmpty()) {
      return url;
    }
    // Percent-encoded as RedisSettings decodes it: a space is %20, since a '+' there stays a plus.
    String encoded = URLEncoder.encode(password.get(), StandardCharsets.UTF_8).replace("+", "%20");
    String raw = url.get().strip();
    int authority = raw.indexOf("//") + 2;
    String host = raw.substring(userInfo == null ? authority : authority + userInfo.length() + 1);
    return Optional.of(raw.substring(0, authority) + (userInfo == null ? "" : userInfo) + ":" + encoded + "@" + host);
  }

  /** The file's first line: what {@code echo pw > file} and most secret stores write. */
  private static String read(Path file) {
    try {
      String first = Files.readString(file).lines().findFirst().orElse("");
      if (first.isEmpty()) {
        throw new IllegalArgumentException("--redis-password-file " + file + " is empty");
      }
      return first;
    } catch (IOException e) {
      throw new IllegalArgumentException("--redis-password-file " + file + " cannot be read (" + e + ")");
    }
  }

  private static URI parse(String url) {
    try {
      URI uri = new URI(url.strip());
      if (uri.getScheme() == null || uri.getRawAuthority() == null) {
        throw new IllegalArgumentException("--redis-url must look like redis://host:port");
      }
      return uri;
    } catch (URISyntaxException e) {
      // The reason and index, never the input, which may hold a password.
      throw new IllegalArgumentException("--redis-url is not a valid URI: " + e.getReason() + " at index " + e.getIndex());
    }
  }
}
