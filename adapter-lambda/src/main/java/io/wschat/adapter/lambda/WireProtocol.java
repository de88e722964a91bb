package io.wschat.adapter.lambda;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.wschat.domain.model.Action;
import io.wschat.domain.model.InvalidInputException;
import io.wschat.domain.model.MessageLimit;
import io.wschat.domain.model.MessageText;
import io.wschat.domain.model.OutboundMessage;
import io.wschat.domain.model.UserId;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.format.DateTimeFormatter;
import java.util.Map;
import java.util.Optional;

/**
 * The JSON wire protocol of docs/protocol.md, both ways: client requests in, server frames out. The shape is fixed
 * by the HTML clients users already have, so field names and order here are the protocol, not a detail.
 */
public final class WireProtocol {
  public static final String REGISTER_USER = "registerUser";
  public static final String SEND_PRIVATE_MESSAGE = "sendPrivateMessage";
  private static final Map<String, Action> ACTIONS = Map.of(
      REGISTER_USER, Action.REGISTER_USER,
      SEND_PRIVATE_MESSAGE, Action.SEND_PRIVATE_MESSAGE);

  /** A well-formed client request. */
  public sealed interface Request {
    record Register(UserId userId) implements Request {}

    record SendMessage(UserId targetUserId, MessageText message) implements Request {}
  }

  private final ObjectMapper mapper;
  private final JsonFactory factory;
  private final MessageLimit limit;

  public WireProtocol(ObjectMapper mapper, MessageLimit limit) {
    this.mapper = mapper;
    this.factory = mapper.getFactory();
    this.limit = limit;
  }

  public WireProtocol(MessageLimit limit) {
    this(new ObjectMapper(), limit);
  }

  /** The action a wire name stands for, if any. */
  public static Optional<Action> action(String wireName) {
    return Optional.ofNullable(wireName).map(ACTIONS::get);
  }

  public static String wireName(Action action) {
    return switch (action) {
      case REGISTER_USER -> REGISTER_USER;
      case SEND_PRIVATE_MESSAGE -> SEND_PRIVATE_MESSAGE;
    };
  }

  /** Parses a request body into a JSON object, or refuses it as INVALID_REQUEST. */
  public ObjectNode body(String body) {
    if (body == null || body.isBlank()) {
      throw new InvalidInputException("body", "the request body is empty; send a JSON object");
    }
    JsonNode node;
    try {
      node = mapper.readTree(body);
    } catch (JsonProcessingException e) {
      throw new InvalidInputException("body", "the request body is not valid JSON");
    }
    if (!(node instanceof ObjectNode object)) {
      throw new InvalidInputException("body", "the request body must be a JSON object");
    }
    return object;
  }

  /** The {@code action} field of a request, if it is a string. */
  public static Optional<String> actionField(ObjectNode body) {
    JsonNode action = body.get("action");
    return action != null && action.isTextual() ? Optional.of(action.textValue()) : Optional.empty();
  }

  /** Reads the request for {@code action} from {@code body}; bad fields throw {@link InvalidInputException}. */
  public Request request(Action action, ObjectNode body) {
    return switch (action) {
      case REGISTER_USER -> new Request.Register(new UserId(text(body, "userId")));
      case SEND_PRIVATE_MESSAGE -> new Request.SendMessage(
          new UserId(text(body, "targetUserId")), limit.text(text(body, "message")));
    };
  }

  private static String text(ObjectNode body, String field) {
    JsonNode node = body.get(field);
    if (node == null || node.isNull()) {
      throw new InvalidInputException(field, field + " is required");
    }
    if (!node.isTextual()) {
      throw new InvalidInputException(field, field + " must be a string");
    }
    if (node.textValue().isBlank()) {
      throw new InvalidInputException(field, field + " must not be blank");
    }
    return node.textValue();
  }

  /** The frame for {@code message}, as UTF-8 JSON. */
  public byte[] encode(OutboundMessage message) {
    ByteArrayOutputStream out = new ByteArrayOutputStream(128);
    try (JsonGenerator json = factory.createGenerator(out)) {
      json.writeStartObject();
      if (message instanceof OutboundMessage.RegistrationSuccess m) {
        json.writeStringField("type", "registrationSuccess");
        json.writeStringField("userId", m.userId().value());
      } else if (message instanceof OutboundMessage.PrivateMessage m) {
        json.writeStringField("type", "privateMessage");
        json.writeStringField("fromUserId", m.fromUserId().value());
        json.writeStringField("message", m.message().value());
        json.writeStringField("messageId", m.messageId().value());
        json.writeStringField("sentAt", DateTimeFormatter.ISO_INSTANT.format(m.sentAt()));
      } else if (message instanceof OutboundMessage.MessageSent m) {
        json.writeStringField("type", "messageSent");
        json.writeStringField("messageId", m.messageId().value());
        json.writeStringField("targetUserId", m.targetUserId().value());
        json.writeNumberField("deliveredTo", m.deliveredTo());
      } else if (message instanceof OutboundMessage.Error m) {
        json.writeStringField("type", "error");
        json.writeStringField("code", m.code().name());
        json.writeStringField("message", m.message());
        json.writeStringField("action", m.action().map(WireProtocol::wireName).orElse(null));
      }
      json.writeEndObject();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out.toByteArray();
  }
}
