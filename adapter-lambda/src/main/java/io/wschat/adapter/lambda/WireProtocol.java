package io.wschat.adapter.lambda;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
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
import java.util.HashMap;
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

  /** The top-level fields of a request body: the text of string fields, and the JSON type of the others. */
  public static final class Body {
    private final Map<String, String> strings;
    private final Map<String, JsonToken> others;

    private Body(Map<String, String> strings, Map<String, JsonToken> others) {
      this.strings = strings;
      this.others = others;
    }

    /** The {@code action} field, if it is a string. */
    public Optional<String> action() {
      return Optional.ofNullable(strings.get("action"));
    }

    String text(String field) {
      String value = strings.get(field);
      if (value != null) {
        if (value.isBlank()) {
          throw new InvalidInputException(field, field + " must not be blank");
        }
        return value;
      }
      JsonToken other = others.get(field);
      if (other == null || other == JsonToken.VALUE_NULL) {
        throw new InvalidInputException(field, field + " is required");
      }
      throw new InvalidInputException(field, field + " must be a string");
    }
  }

  // jackson-core's streaming parser, not a databind ObjectMapper: three string fields need no tree or mapping, and
  // the mapper's classes cost a Lambda cold start ~200 ms.
  private final JsonFactory factory = JsonFactory.builder().build();
  private final MessageLimit limit;

  public WireProtocol(MessageLimit limit) {
    this.limit = limit;
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

  /** Reads a request body, which must be one JSON object, or refuses it as INVALID_REQUEST. */
  public Body body(String body) {
    if (body == null || body.isBlank()) {
      throw new InvalidInputException("body", "the request body is empty; send a JSON object");
    }
    Map<String, String> strings = new HashMap<>();
    Map<String, JsonToken> others = new HashMap<>();
    try (JsonParser json = factory.createParser(body)) {
      if (json.nextToken() != JsonToken.START_OBJECT) {
        throw new InvalidInputException("body", "the request body must be a JSON object");
      }
      while (json.nextToken() == JsonToken.FIELD_NAME) {
        String name = json.currentName();
        JsonToken value = json.nextToken();
        // A repeated field counts once, with its last value, as in a JSON object read into a map.
        strings.remove(name);
        others.remove(name);
        if (value == JsonToken.VALUE_STRING) {
          strings.put(name, json.getText());
        } else {
          others.put(name, value);
          json.skipChildren();
        }
      }
      if (json.nextToken() != null) {
        throw new InvalidInputException("body", "the request body must be one JSON object, with nothing after it");
      }
    } catch (JsonProcessingException e) {
      throw new InvalidInputException("body", "the request body is not valid JSON");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return new Body(strings, others);
  }

  /** Reads the request for {@code action} from {@code body}; bad fields throw {@link InvalidInputException}. */
  public Request request(Action action, Body body) {
    return switch (action) {
      case REGISTER_USER -> new Request.Register(new UserId(body.text("userId")));
      case SEND_PRIVATE_MESSAGE -> new Request.SendMessage(
          new UserId(body.text("targetUserId")), limit.text(body.text("message")));
    };
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
