package io.wschat.adapter.redis.internal;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import redis.clients.jedis.UnifiedJedis;
import redis.clients.jedis.exceptions.JedisNoScriptException;

/**
 * A Lua script run by its SHA-1, so each call sends the hash, not the source. A server that does not know the
 * script (first use, restart, failover, SCRIPT FLUSH) answers NOSCRIPT; then EVAL runs the source once, which also
 * caches it for every later EVALSHA. That is the only case in which one operation costs two round trips.
 */
public record Script(String name, String source, String sha) {

  public static Script of(String name, String source) {
    try {
      byte[] digest = MessageDigest.getInstance("SHA-1").digest(source.getBytes(StandardCharsets.UTF_8));
      return new Script(name, source, HexFormat.of().formatHex(digest));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every JVM has SHA-1", e);
    }
  }

  public Object run(UnifiedJedis client, List<String> keys, List<String> args) {
    try {
      return client.evalsha(sha, keys, args);
    } catch (JedisNoScriptException e) {
      return client.eval(source, keys, args);
    }
  }
}
