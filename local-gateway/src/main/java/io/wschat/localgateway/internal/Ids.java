package io.wschat.localgateway.internal;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;

/** Identifiers shaped like API Gateway's, so code that parses or logs them sees what it will see on AWS. */
public final class Ids {
  private static final SecureRandom RANDOM = new SecureRandom();
  private static final String ALPHANUMERIC = "abcdefghijklmnopqrstuvwxyz0123456789";

  private Ids() {}

  /** Connection, request and message ids: 11 random bytes in URL-safe base64, e.g. {@code L0SM9cOFvHcCIhw=}. */
  public static String next() {
    byte[] bytes = new byte[11];
    String id;
    do { // an id starting with '-' reads as an option to the AWS CLI, where users paste connection ids
      RANDOM.nextBytes(bytes);
      id = Base64.getUrlEncoder().encodeToString(bytes);
    } while (id.startsWith("-"));
    return id;
  }

  /** A 10-character lowercase alphanumeric API id, the same for the same seed on every start. */
  public static String apiId(String seed) {
    try {
      byte[] digest = MessageDigest.getInstance("SHA-256").digest(seed.getBytes(StandardCharsets.UTF_8));
      var id = new StringBuilder(10);
      for (int i = 0; i < 10; i++) {
        id.append(ALPHANUMERIC.charAt((digest[i] & 0xff) % ALPHANUMERIC.length()));
      }
      return id.toString();
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every JVM has SHA-256", e);
    }
  }
}
