package io.wschat.adapter.lambda;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import io.wschat.domain.model.InvalidInputException;
import io.wschat.domain.model.LoggedMessage;
import io.wschat.domain.model.MessageId;
import io.wschat.domain.model.MessageLimit;
import io.wschat.domain.model.MessageTooLargeException;
import io.wschat.domain.model.OutboundMessage;
import io.wschat.domain.model.UserId;
import io.wschat.domain.port.MessageLog;
import io.wschat.domain.usecase.GetHistory;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.format.DateTimeFormatter;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The JSON wire protocol of docs/protocol.md: client requests in, frames out. The shape is fixed by the HTML
 * clients users already have, so field names and order here are the protocol, not a detail. Which frame answers
 * which outcome is {@link ResponseRenderer}'s business; this class only knows how frames are written.
 */
public final class WireProtocol {

  // jackson-core's streaming parser, not a databind ObjectMapper: three string fields need no tree or mapping, and
  // the mapper's classes cost a Lambda cold start ~200 ms.
  /** The longest message id a client may name; ours are 36-character UUIDs. */
  static final int MAX_ID_LENGTH = 128;

  private final JsonFactory factory = JsonFactory.builder().build();
  private final MessageLimit limit;

  public WireProtocol(MessageLimit limit) {
    this.limit = limit;
  }

  /** The largest message text this protocol accepts; {@code registrationSuccess} tells clients. */
  public MessageLimit limit() {
    return limit;
  }

  /**
   * The request one message makes. API Gateway chose {@code routeKey} from the body's {@code action}: a known
   * action's route, or {@code $default} for anything else, which is then read from the body. Never throws for bad
   * input: that is a {@link Request.Invalid} or {@link Request.UnknownAction}.
   */
  public Request read(String routeKey, String body) {
    Optional<Action> routed = Action.named(routeKey);
    Fields fields;
    try {
      fields = fields(body);
    } catch (InvalidInputException e) {
      return new Request.Invalid(routed, ErrorCode.INVALID_REQUEST, e.getMessage());
    }
    Optional<String> named = routed.map(Action::wireName).or(fields::action);
    Optional<Action> action = named.flatMap(Action::named);
    if (action.isEmpty()) {
      return new Request.UnknownAction(named);
    }
    try {
      return switch (action.get()) {
        case REGISTER_USER -> new Request.Register(userId(fields, "userId"));
        case SEND_PRIVATE_MESSAGE -> new Request.SendMessage(userId(fields, "targetUserId"),
            limit.text(fields.text("message")), fields.text("targetUserId"));
        case GET_HISTORY -> new Request.GetHistory(userId(fields, "withUserId"),
            fields.optionalText("before").map(text -> HistoryCursors.decode(text, "before")),
            fields.wholeNumber("limit", 1, MessageLog.MAX_PAGE).orElse(GetHistory.DEFAULT_LIMIT));
        case GET_CONVERSATIONS -> new Request.GetConversations();
        case SYNC -> new Request.Sync();
        case MARK_READ -> new Request.MarkRead(userId(fields, "withUserId"), messageId(fields, "upToMessageId"));
        case TYPING -> new Request.Typing(userId(fields, "targetUserId"), fields.text("targetUserId"));
      };
    } catch (MessageTooLargeException e) {
      return new Request.Invalid(action, ErrorCode.MESSAGE_TOO_LARGE, e.getMessage());
    } catch (InvalidInputException e) {
      return new Request.Invalid(action, ErrorCode.INVALID_REQUEST, e.getMessage());
    }
  }

  /** A user id field; the value's own rules speak of "userId", so another field's name replaces it. */
  private static UserId userId(Fields fields, String field) {
    String raw = fields.text(field);
    try {
      return new UserId(raw);
    } catch (InvalidInputException e) {
      throw new InvalidInputException(field, e.getMessage().replaceFirst("^userId", field));
    }
  }

  /** A message id field: not blank, at most {@link #MAX_ID_LENGTH} characters. */
  private static MessageId messageId(Fields fields, String field) {
    String raw = fields.text(field);
    if (raw.length() > MAX_ID_LENGTH) {
      throw new InvalidInputException(field, field + " must be at most " + MAX_ID_LENGTH + " characters");
    }
    return new MessageId(raw);
  }

  /** A delivery, as the frame its recipients receive (UTF-8 JSON). */
  public byte[] encode(OutboundMessage message) {
    if (message instanceof OutboundMessage.PrivateMessage m) {
      return frame("privateMessage", json -> {
        // The seed's fields first, in the seed's order; later fields only ever follow them.
        json.writeStringField("fromUserId", m.fromUserId().value());
        json.writeStringField("message", m.message().value());
        json.writeStringField("messageId", m.messageId().value());
        json.writeStringField("sentAt", DateTimeFormatter.ISO_INSTANT.format(m.sentAt()));
        json.writeStringField("toUserId", m.toUserId().value());
        if (m.position().isPresent()) {
          json.writeNumberField("position", m.position().getAsLong());
        }
      });
    }
    if (message instanceof OutboundMessage.MessageDelivered d) {
      return frame("messageDelivered", json -> {
        json.writeStringField("messageId", d.messageId().value());
        json.writeStringField("toUserId", d.toUserId().value());
      });
    }
    if (message instanceof OutboundMessage.MessagesRead r) {
      return frame("messagesRead", json -> {
        json.writeStringField("byUserId", r.byUserId().value());
        json.writeStringField("upToMessageId", r.upToMessageId().value());
      });
    }
    OutboundMessage.Typing t = (OutboundMessage.Typing) message;
    return frame("typing", json -> json.writeStringField("fromUserId", t.fromUserId().value()));
  }

  /** A logged message as an element of a {@code history} or {@code conversations} frame. */
  static void writeMessage(JsonGenerator json, LoggedMessage m) throws IOException {
    json.writeStartObject();
    json.writeStringField("messageId", m.id().value());
    json.writeStringField("fromUserId", m.from().value());
    json.writeStringField("toUserId", m.to().value());
    json.writeStringField("message", m.text().value());
    json.writeStringField("sentAt", DateTimeFormatter.ISO_INSTANT.format(m.sentAt()));
    json.writeNumberField("position", m.position());
    json.writeEndObject();
  }

  /** Writes the fields of one frame after its {@code type}. */
  @FunctionalInterface
  interface FrameFields {
    void write(JsonGenerator json) throws IOException;
  }

  /** One frame: {@code {"type": type, ...fields}} as UTF-8 JSON. */
  byte[] frame(String type, FrameFields fields) {
    ByteArrayOutputStream out = new ByteArrayOutputStream(128);
    try (JsonGenerator json = factory.createGenerator(out)) {
      json.writeStartObject();
      json.writeStringField("type", type);
      fields.write(json);
      json.writeEndObject();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out.toByteArray();
  }

  /** The top-level fields of a request body: the text of string fields, and the JSON type of the others. */
  private static final class Fields {
    private final Map<String, String> strings = new HashMap<>();
    private final Map<String, String> numbers = new HashMap<>();
    private final Map<String, JsonToken> others = new HashMap<>();

    Optional<String> action() {
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
      if (!numbers.containsKey(field) && (other == null || other == JsonToken.VALUE_NULL)) {
        throw new InvalidInputException(field, field + " is required");
      }
      throw new InvalidInputException(field, field + " must be a string");
    }

    /** A string field that may be left out; present, it obeys the rules of {@link #text}. */
    Optional<String> optionalText(String field) {
      JsonToken other = others.get(field);
      return strings.containsKey(field) || numbers.containsKey(field) || (other != null && other != JsonToken.VALUE_NULL)
          ? Optional.of(text(field))
          : Optional.empty();
    }

    /** A whole-number field from {@code min} to {@code max}, if present. */
    Optional<Integer> wholeNumber(String field, int min, int max) {
      String range = field + " must be a whole number from " + min + " to " + max;
      String raw = numbers.get(field);
      if (raw == null) {
        JsonToken other = strings.containsKey(field) ? JsonToken.VALUE_STRING : others.get(field);
        if (other == null || other == JsonToken.VALUE_NULL) {
          return Optional.empty();
        }
        throw new InvalidInputException(field, range);
      }
      try {
        int value = Integer.parseInt(raw);
        if (value >= min && value <= max) {
          return Optional.of(value);
        }
      } catch (NumberFormatException tooBig) {
        // out of range below
      }
      throw new InvalidInputException(field, range + ", got " + raw);
    }

    /** {@code text} is the value of a string or whole-number field, null for any other type. */
    void put(String name, JsonToken token, String text) {
      // A repeated field counts once, with its last value, as in a JSON object read into a map.
      strings.remove(name);
      numbers.remove(name);
      others.remove(name);
      if (token == JsonToken.VALUE_STRING) {
        strings.put(name, text);
      } else if (token == JsonToken.VALUE_NUMBER_INT) {
        numbers.put(name, text);
      } else {
        others.put(name, token);
      }
    }
  }

  /** Reads a request body, which must be one JSON object, or refuses it. */
  private Fields fields(String body) {
    if (body == null || body.isBlank()) {
      throw new InvalidInputException("body", "the request body is empty; send a JSON object");
    }
    Fields fields = new Fields();
    try (JsonParser json = factory.createParser(body)) {
      if (json.nextToken() != JsonToken.START_OBJECT) {
        throw new InvalidInputException("body", "the request body must be a JSON object");
      }
      while (json.nextToken() == JsonToken.FIELD_NAME) {
        String name = json.currentName();
        JsonToken value = json.nextToken();
        String text = value == JsonToken.VALUE_STRING || value == JsonToken.VALUE_NUMBER_INT ? json.getText() : null;
        fields.put(name, value, text);
        json.skipChildren();
      }
      if (json.nextToken() != null) {
        throw new InvalidInputException("body", "the request body must be one JSON object, with nothing after it");
      }
    } catch (JsonProcessingException e) {
      throw new InvalidInputException("body", "the request body is not valid JSON");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return fields;
  }
}
