package io.wschat.bootstrap.snapstart;

import io.wschat.bootstrap.ChatConfig;
import io.wschat.bootstrap.ChatLambdaHandler;
import io.wschat.bootstrap.TokenAuthorizer;
import io.wschat.bootstrap.auth.AuthorizerConfig;
import java.util.HashMap;
import java.util.Map;

/**
 * A training run for a JVM class or AOT cache ({@code java -XX:AOTCacheOutput=wschat.aot -cp <the class path the
 * functions run with> io.wschat.bootstrap.snapstart.Training}): it builds both handlers as Lambda builds them
 * (the chat on DynamoDB, the authorizer on a JWKS URL; neither touches the network at init), then runs the priming
 * that SnapStart runs before a snapshot, so the cache holds the classes of init and of the event path. Nothing is
 * sent anywhere and no data changes. The deployed .zip carries no cache (docs/deploy.md, "Cold starts"): this is
 * for a container image, and for the cold-start benchmark.
 */
public final class Training {
  private Training() {}

  public static void main(String[] args) throws Exception {
    Map<String, String> lambda = Map.of(
        ChatConfig.AWS_REGION, "us-east-1",
        ChatConfig.AWS_LAMBDA_FUNCTION_NAME, "wschat-training",
        ChatConfig.AWS_ACCESS_KEY_ID, "training",
        ChatConfig.AWS_SECRET_ACCESS_KEY, "training",
        ChatConfig.AWS_SESSION_TOKEN, "training");
    Map<String, String> chat = new HashMap<>(lambda);
    chat.putAll(Map.of(ChatConfig.CHAT_STORE, "dynamodb", ChatConfig.CONNECTIONS_TABLE, "training",
        ChatConfig.MESSAGES_TABLE, "training", ChatConfig.MESSAGE_RETENTION, "P30D", ChatConfig.LOG_LEVEL, "ERROR"));
    Map<String, String> authorizer = new HashMap<>(lambda);
    authorizer.putAll(Map.of(AuthorizerConfig.JWT_JWKS_URL, "https://training.invalid/.well-known/jwks.json",
        AuthorizerConfig.JWT_ISSUER, "https://training.invalid", AuthorizerConfig.JWT_AUDIENCE, "training",
        ChatConfig.LOG_LEVEL, "ERROR"));
    int events;
    try (ChatLambdaHandler handler = new ChatLambdaHandler(chat)) {
      new TokenAuthorizer(authorizer);
      handler.application().prime();
      events = AuthorizerPriming.run();
    }
    System.out.println("wschat training: both handlers built and primed (" + events + " authorizer events) on "
        + System.getProperty("java.vm.name") + " " + System.getProperty("java.runtime.version"));
  }
}
