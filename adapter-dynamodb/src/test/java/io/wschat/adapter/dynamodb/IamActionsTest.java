package io.wschat.adapter.dynamodb;

import static org.assertj.core.api.Assertions.assertThat;

import io.wschat.adapter.dynamodb.AppendTransaction.Head;
import io.wschat.domain.model.LoggedMessage;
import io.wschat.domain.model.MessageId;
import io.wschat.domain.model.MessageText;
import io.wschat.domain.model.UserId;
import java.time.Duration;
import java.time.Instant;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;

/**
 * The IAM actions the template grants the log are its requests, with TransactWriteItems (which IAM authorises item
 * by item) replaced by the writes an append transaction holds. DynamoDbMessageLogIT proves the requests are exactly
 * {@link DynamoDbMessageLog#REQUESTS}; this closes the chain from the code to the policy.
 */
class IamActionsTest {
  @Test
  void the_actions_are_the_requests_with_the_transaction_split_into_its_writes() {
    Set<String> expected = new TreeSet<>();
    DynamoDbMessageLog.REQUESTS.stream().filter(r -> !r.equals("TransactWriteItems"))
        .forEach(r -> expected.add("dynamodb:" + r));
    for (Head head : new Head[] {Head.of(null), new Head(true, 7, 0)}) {
      for (String to : new String[] {"bob", "alice"}) {
        LoggedMessage message = new LoggedMessage(MessageId.random(), new UserId("alice"), new UserId(to),
            new MessageText("hi"), Instant.now(), head.lastPosition() + 1);
        AppendTransaction.request("t", message, Duration.ofDays(1), head, 0).transactItems()
            .forEach(item -> expected.add(action(item)));
      }
    }

    assertThat(DynamoDbMessageLog.IAM_ACTIONS).containsExactlyInAnyOrderElementsOf(expected);
  }

  private static String action(TransactWriteItem item) {
    if (item.put() != null) {
      return "dynamodb:PutItem";
    }
    if (item.update() != null) {
      return "dynamodb:UpdateItem";
    }
    return item.delete() != null ? "dynamodb:DeleteItem" : "dynamodb:ConditionCheckItem";
  }
}
