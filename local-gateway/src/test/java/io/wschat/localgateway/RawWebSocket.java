package io.wschat.localgateway;

import java.io.DataInputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;

/**
 * A WebSocket client written out by hand, for what real clients will not send: one text frame of any size (the
 * JDK's client splits long messages into frames of its own choosing). Frames are masked, as a client's must be.
 */
final class RawWebSocket implements AutoCloseable {
  private final Socket socket;
  private final DataInputStream in;
  private final OutputStream out;
  private final String handshake;

  RawWebSocket(URI uri) throws IOException {
    this(uri, "");
  }

  /** {@code extraHeaders}: whole header lines, each ending in CRLF, added to the upgrade request. */
  RawWebSocket(URI uri, String extraHeaders) throws IOException {
    socket = new Socket(uri.getHost(), uri.getPort());
    socket.setSoTimeout(10_000);
    out = socket.getOutputStream();
    in = new DataInputStream(socket.getInputStream());
    out.write(("GET " + uri.getPath() + " HTTP/1.1\r\nHost: " + uri.getHost() + ":" + uri.getPort()
        + "\r\nUpgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Version: 13\r\n"
        + "Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\n" + extraHeaders + "\r\n").getBytes(StandardCharsets.US_ASCII));
    StringBuilder head = new StringBuilder();
    while (!head.toString().endsWith("\r\n\r\n")) {
      head.append((char) in.readUnsignedByte());
    }
    if (!head.toString().startsWith("HTTP/1.1 101")) {
      throw new IOException("no upgrade: " + head);
    }
    handshake = head.toString();
  }

  /** The server's 101 response: status line and headers. */
  String handshake() {
    return handshake;
  }

  /** One final text frame with this payload, whatever its size. */
  void sendOneFrame(String text) throws IOException {
    byte[] payload = text.getBytes(StandardCharsets.UTF_8);
    out.write(0x81);
    if (payload.length < 126) {
      out.write(0x80 | payload.length);
    } else if (payload.length < 65_536) {
      out.write(0x80 | 126);
      out.write(payload.length >> 8);
      out.write(payload.length);
    } else {
      out.write(0x80 | 127);
      for (int shift = 56; shift >= 0; shift -= 8) {
        out.write((int) ((long) payload.length >> shift));
      }
    }
    out.write(new byte[4]); // a zero mask leaves the payload as it is
    out.write(payload);
    out.flush();
  }

  /** Reads frames until the server's close frame; answers its status code. */
  int awaitCloseCode() throws IOException {
    while (true) {
      int opcode = in.readUnsignedByte() & 0x0f;
      long length = in.readUnsignedByte() & 0x7f;
      if (length == 126) {
        length = in.readUnsignedShort();
      } else if (length == 127) {
        length = in.readLong();
      }
      byte[] payload = in.readNBytes((int) length);
      if (opcode == 0x8) {
        return ((payload[0] & 0xff) << 8) | (payload[1] & 0xff);
      }
    }
  }

  @Override
  public void close() throws IOException {
    socket.close();
  }
}
