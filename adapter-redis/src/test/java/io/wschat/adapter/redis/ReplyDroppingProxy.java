package io.wschat.adapter.redis;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A TCP proxy in front of a real redis-server, on loopback, for the one fault a real server cannot be made to
 * produce on cue: a connection that breaks after a command was written and run, before its answer arrives. Once
 * armed, the next command named {@code marker} goes through to the server, which runs it; its answer is thrown away
 * and the client's socket closed. Everything else passes both ways. It counts the commands it forwarded by name.
 */
final class ReplyDroppingProxy implements AutoCloseable {
  private final ServerSocket listener;
  private final String host;
  private final int port;
  private final String marker;
  private final AtomicBoolean armed = new AtomicBoolean();
  private final AtomicInteger forwarded = new AtomicInteger();
  private final List<Socket> sockets = new CopyOnWriteArrayList<>();

  /** {@code marker}: a command name as the client sends it, e.g. {@code EVALSHA}. */
  ReplyDroppingProxy(String host, int port, String marker) {
    this.host = host;
    this.port = port;
    this.marker = marker;
    try {
      listener = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    Thread accept = new Thread(this::acceptLoop, "proxy-accept");
    accept.setDaemon(true);
    accept.start();
  }

  String url() {
    return "redis://127.0.0.1:" + listener.getLocalPort();
  }

  /** The next {@code marker} command runs on the server, but its client never hears the answer. */
  void dropNextReply() {
    armed.set(true);
  }

  /** How many {@code marker} commands reached the server so far. */
  int forwarded() {
    return forwarded.get();
  }

  private void acceptLoop() {
    while (!listener.isClosed()) {
      try {
        Socket client = listener.accept();
        Socket server = new Socket(host, port);
        sockets.add(client);
        sockets.add(server);
        AtomicBoolean doomed = new AtomicBoolean();
        pump(client, server, chunk -> {
          if (new String(chunk, StandardCharsets.ISO_8859_1).contains(marker)) {
            forwarded.incrementAndGet();
            if (armed.compareAndSet(true, false)) {
              doomed.set(true);
            }
          }
          return true;
        });
        // The answer to a doomed command arrives after the server ran it: drop it and break the client's socket.
        pump(server, client, chunk -> {
          if (doomed.get()) {
            closeQuietly(client);
            closeQuietly(server);
            return false;
          }
          return true;
        });
      } catch (IOException e) {
        return; // closed
      }
    }
  }

  private interface Inspector {
    /** Whether to forward this chunk. */
    boolean pass(byte[] chunk);
  }

  private static void pump(Socket from, Socket to, Inspector inspector) {
    Thread pump = new Thread(() -> {
      byte[] buffer = new byte[16 * 1024];
      try (InputStream in = from.getInputStream(); OutputStream out = to.getOutputStream()) {
        for (int n = in.read(buffer); n >= 0; n = in.read(buffer)) {
          byte[] chunk = Arrays.copyOf(buffer, n);
          if (!inspector.pass(chunk)) {
            return;
          }
          out.write(chunk);
          out.flush();
        }
      } catch (IOException e) {
        // one side closed: the other pump ends too
      } finally {
        closeQuietly(from);
        closeQuietly(to);
      }
    }, "proxy-pump");
    pump.setDaemon(true);
    pump.start();
  }

  private static void closeQuietly(Socket socket) {
    try {
      socket.close();
    } catch (IOException e) {
      // already closed
    }
  }

  @Override
  public void close() {
    closeQuietly(listener);
    sockets.forEach(ReplyDroppingProxy::closeQuietly);
  }

  private static void closeQuietly(ServerSocket socket) {
    try {
      socket.close();
    } catch (IOException e) {
      // already closed
    }
  }
}
