package io.wschat.adapter.redis;

import static org.assertj.core.api.Assertions.assertThat;

import io.wschat.domain.model.ConnectionId;
import io.wschat.domain.model.MessageId;
import io.wschat.domain.model.MessageText;
import io.wschat.domain.model.UserId;
import io.wschat.domain.port.MessageLog.NewMessage;
import io.wschat.engines.RedisCluster;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.cert.CertificateFactory;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A cluster that speaks TLS only, as ElastiCache Serverless does: from one {@code rediss+cluster://} seed the
 * adapters find every node over TLS, with each node's certificate checked against the address they reach it at.
 * The JVM's default trust is replaced by the cluster's own CA before anything here opens a TLS socket.
 */
class RedisClusterTlsIT {
  private static RedisCluster cluster;

  @BeforeAll
  static void start() throws Exception {
    Path certificate = Files.createTempDirectory("wschat-tls-").resolve("cluster.pem");
    cluster = RedisCluster.startWithTls(certificate);
    KeyStore trusted = KeyStore.getInstance(KeyStore.getDefaultType());
    trusted.load(null, null);
    try (InputStream in = Files.newInputStream(certificate)) {
      trusted.setCertificateEntry("cluster", CertificateFactory.getInstance("X.509").generateCertificate(in));
    }
    TrustManagerFactory trust = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
    trust.init(trusted);
    SSLContext context = SSLContext.getInstance("TLS");
    context.init(null, trust.getTrustManagers(), null);
    SSLContext.setDefault(context);
  }

  @AfterAll
  static void stop() {
    if (cluster != null) {
      cluster.close();
    }
  }

  @Test
  void the_adapters_work_over_tls_from_one_seed_by_address_or_by_name() {
    String seed = cluster.seeds().get(0);
    for (String url : new String[] {"rediss+cluster://" + seed,
        "rediss+cluster://localhost:" + seed.substring(seed.lastIndexOf(':') + 1)}) {
      RedisSettings settings = RedisSettings.fromUrl(url);
      assertThat(settings.tls()).isTrue();
      try (RedisConnectionRegistry registry = RedisConnectionRegistry.create(settings);
          RedisMessageLog log = RedisMessageLog.create(settings, Clock.systemUTC(), Duration.ofDays(1))) {
        UserId alice = new UserId("alice-" + url.length());
        for (int i = 0; i < 20; i++) {
          registry.register(new ConnectionId("c" + i + "-" + url.length()), alice);
        }
        assertThat(registry.connectionsOf(alice)).hasSize(20);
        UserId bob = new UserId("bob-" + url.length());
        log.append(new NewMessage(new MessageId("m-" + url.length()), alice, bob, new MessageText("hi"),
            Instant.now()));
        assertThat(log.pending(bob, 10).messages()).hasSize(1);
        RedisPing.ping(settings);
      }
    }
  }
}
