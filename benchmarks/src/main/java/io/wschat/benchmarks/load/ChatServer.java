package io.wschat.benchmarks.load;

import java.net.URI;
import java.util.OptionalLong;

/** A chat server under load, in a process of its own, started fresh for each test and stopped by close(). */
public interface ChatServer extends AutoCloseable {
  /** Which server: "wschat" or "serverless-offline". */
  String name();

  URI webSocketUri();

  /** PostToConnection requests the server's Management API answered so far, if it counts them. */
  OptionalLong postToConnection();

  /** From the process's start until it accepted connections. */
  double startSeconds();

  @Override
  void close();

  /** Starts a fresh server; each call is a new process. */
  @FunctionalInterface
  interface Factory {
    ChatServer start();
  }
}
