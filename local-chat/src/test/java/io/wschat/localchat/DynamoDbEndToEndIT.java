package io.wschat.localchat;

import java.util.Optional;

/** The local chat end to end on DynamoDB Local, embedded by the runner as {@code --store dynamodb} does. */
class DynamoDbEndToEndIT extends EndToEndContract {
  @Override
  protected LocalChat.Options onStore(LocalChat.Options options) {
    return options.withStore(LocalChat.Store.DYNAMODB, Optional.empty());
  }
}
