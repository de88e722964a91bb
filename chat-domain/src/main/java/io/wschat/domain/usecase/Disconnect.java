package io.wschat.domain.usecase;

import io.wschat.domain.model.ConnectionId;
import io.wschat.domain.model.UserId;
import io.wschat.domain.port.ConnectionRegistry;
import java.util.Objects;

/** Forgets a closed connection. Nothing is sent: the connection is already gone. */
public final class Disconnect {

  public record Command(ConnectionId connection) {
    public Command {
      Objects.requireNonNull(connection, "connection");
    }
  }

  public sealed interface Result {
    record Disconnected(UserId user) implements Result {}

    record WasNotRegistered() implements Result {}
  }

  private final ConnectionRegistry registry;

  public Disconnect(ConnectionRegistry registry) {
    this.registry = Objects.requireNonNull(registry, "registry");
  }

  public Result handle(Command command) {
    return registry.unregister(command.connection())
        .<Result>map(Result.Disconnected::new)
        .orElseGet(Result.WasNotRegistered::new);
  }
}
