package io.wschat.bootstrap;

import java.net.URI;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.secretsmanager.SecretsManagerClient;
import software.amazon.awssdk.services.secretsmanager.SecretsManagerClientBuilder;
import software.amazon.awssdk.services.secretsmanager.model.GetSecretValueResponse;

/**
 * Reads secrets from Secrets Manager at init, on one client built once, on the same slim URL-connection HTTP client
 * as the other SDK clients. A secret's value is never logged nor put in an exception message; a failure names the
 * variable and the secret id, and what AWS said.
 */
final class SecretsManagerSecrets implements AutoCloseable {
  // Init waits for this; a Secrets Manager call answers in tens of milliseconds.
  private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(2);
  private static final Duration SOCKET_TIMEOUT = Duration.ofSeconds(3);

  private final SecretsManagerClient client;

  SecretsManagerSecrets(Region region, AwsCredentialsProvider credentials, Optional<URI> endpoint) {
    SecretsManagerClientBuilder builder = SecretsManagerClient.builder()
        .region(Objects.requireNonNull(region, "region"))
        .credentialsProvider(Objects.requireNonNull(credentials, "credentials"))
        .httpClientBuilder(UrlConnectionHttpClient.builder()
            .connectionTimeout(CONNECT_TIMEOUT)
            .socketTimeout(SOCKET_TIMEOUT));
    endpoint.ifPresent(builder::endpointOverride);
    this.client = builder.build();
  }

  /**
   * The current SecretString of {@code secretId}, the secret named by {@code variable}.
   *
   * @throws ConfigurationException if it cannot be read, or holds no string
   */
  String secretString(String variable, String secretId) {
    GetSecretValueResponse response;
    try {
      response = client.getSecretValue(r -> r.secretId(secretId));
    } catch (AwsServiceException e) {
      throw new ConfigurationException(variable + "=" + secretId + " cannot be read: "
          + e.awsErrorDetails().errorCode() + " (HTTP " + e.statusCode() + "): " + e.awsErrorDetails().errorMessage());
    } catch (SdkException e) {
      throw new ConfigurationException(variable + "=" + secretId + " cannot be read: " + e.getMessage());
    }
    String value = response.secretString();
    if (value == null || value.isEmpty()) {
      throw new ConfigurationException(variable + "=" + secretId + " holds no SecretString; store the password as"
          + " the secret's plain text");
    }
    return value;
  }

  @Override
  public void close() {
    client.close();
  }
}
