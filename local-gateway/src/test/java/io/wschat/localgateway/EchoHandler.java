package io.wschat.localgateway;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2WebSocketEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2WebSocketResponse;
import java.net.URI;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.apigatewaymanagementapi.ApiGatewayManagementApiClient;

/**
 * A typical WebSocket Lambda: typed events, and answers through the Management API at
 * {@code http://{domainName}/{stage}} taken from the event, as a deployed function does with https.
 */
final class EchoHandler implements RequestHandler<APIGatewayV2WebSocketEvent, APIGatewayV2WebSocketResponse> {
  private volatile ApiGatewayManagementApiClient client;

  @Override
  public APIGatewayV2WebSocketResponse handleRequest(APIGatewayV2WebSocketEvent event, Context context) {
    var rc = event.getRequestContext();
    client(URI.create("http://" + rc.getDomainName() + "/" + rc.getStage())).postToConnection(b -> b
        .connectionId(rc.getConnectionId()).data(SdkBytes.fromUtf8String("echo:" + event.getBody())));
    var response = new APIGatewayV2WebSocketResponse();
    response.setStatusCode(200);
    return response;
  }

  private ApiGatewayManagementApiClient client(URI endpoint) {
    if (client == null) {
      client = managementClient(endpoint);
    }
    return client;
  }

  static ApiGatewayManagementApiClient managementClient(URI endpoint) {
    return ApiGatewayManagementApiClient.builder()
        .endpointOverride(endpoint)
        .region(Region.US_EAST_1)
        .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("local", "local")))
        .httpClient(UrlConnectionHttpClient.create())
        .build();
  }
}
