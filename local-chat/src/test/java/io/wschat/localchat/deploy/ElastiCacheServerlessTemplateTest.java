package io.wschat.localchat.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.wschat.adapter.redis.RedisSettings;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The template's way to an ElastiCache Serverless cache: the URL it builds is one the adapter reads as a TLS
 * cluster with an ACL user and no password, the password only ever comes from the secret, and the one network rule
 * it adds is scoped to the cache's ports and a security group tagged for the stack.
 */
class ElastiCacheServerlessTemplateTest {
  private final Template template = Template.INSTANCE;

  @Test
  void theFunctionGetsATlsClusterUrlWithTheUserAndNoPassword() {
    JsonNode redisUrl = template.resource(TemplateTest.chatFunctionId())
        .path("Properties").path("Environment").path("Variables").path("REDIS_URL").path("Fn::If");
    assertThat(redisUrl.get(0).asText()).isEqualTo("UseRedis");
    JsonNode choice = redisUrl.get(1).path("Fn::If");
    assertThat(choice.get(0).asText()).isEqualTo("UseElastiCacheServerless");
    String sub = choice.get(1).path("Fn::Sub").asText();
    assertThat(sub).isEqualTo("rediss+cluster://${RedisUser}@${ElastiCacheServerlessEndpoint}:6379");
    assertThat(choice.get(2).path("Ref").asText()).isEqualTo("RedisUrl");

    // The password comes from RedisPasswordSecretArn, which the template's rule requires alongside.
    RedisSettings settings = RedisSettings.fromUrl(sub.replace("${RedisUser}", "wschat-chat")
        .replace("${ElastiCacheServerlessEndpoint}", "wschat-abc123.serverless.use1.cache.amazonaws.com"), "from-secret");
    assertThat(settings.cluster()).isTrue();
    assertThat(settings.tls()).isTrue();
    assertThat(settings.user()).isEqualTo("wschat-chat");
    assertThat(settings.password()).isEqualTo("from-secret");
    assertThat(settings.clusterKeyPrefix()).isEqualTo("{wschat:}");
  }

  @Test
  void noParameterTakesAPasswordAndTheNewOnesAreOptional() {
    List<String> names = new ArrayList<>();
    template.root.path("Parameters").fieldNames().forEachRemaining(names::add);
    assertThat(names).filteredOn(n -> n.toLowerCase().contains("password")).containsExactly("RedisPasswordSecretArn");
    for (String name : List.of("ElastiCacheServerlessEndpoint", "RedisUser", "ElastiCacheSecurityGroupId")) {
      assertThat(template.root.path("Parameters").path(name).path("Default").asText()).as(name).isEmpty();
    }
    String rule = template.root.path("Rules").path("ElastiCacheServerlessNeedsUserAndSecret").toString();
    assertThat(rule).contains("RedisUser", "RedisPasswordSecretArn", "RedisSecurityGroupIds", "RedisUrl");
  }

  @Test
  void theOnlyNetworkRuleAdmitsTheFunctionOnTheCachePortsInATaggedGroup() throws IOException {
    assertThat(template.resources("AWS::EC2::SecurityGroupIngress")).containsOnlyKeys("ElastiCacheIngressFromChat");
    JsonNode ingress = template.resource("ElastiCacheIngressFromChat");
    assertThat(ingress.path("Condition").asText()).isEqualTo("OpensElastiCacheSecurityGroup");
    JsonNode properties = ingress.path("Properties");
    assertThat(properties.path("IpProtocol").asText()).isEqualTo("tcp");
    assertThat(properties.path("FromPort").asInt()).isEqualTo(6379);
    assertThat(properties.path("ToPort").asInt()).isEqualTo(6380);
    assertThat(properties.path("SourceSecurityGroupId").toString())
        .isEqualTo("{\"Fn::Select\":[0,{\"Ref\":\"RedisSecurityGroupIds\"}]}");
    assertThat(properties.path("GroupId").path("Ref").asText()).isEqualTo("ElastiCacheSecurityGroupId");

    JsonNode statement = IamPoliciesTest.statements(IamPoliciesTest.deployPolicy()).stream()
        .filter(s -> IamPoliciesTest.actions(s).contains("ec2:AuthorizeSecurityGroupIngress")).findFirst().orElseThrow();
    assertThat(IamPoliciesTest.actions(statement))
        .containsExactlyInAnyOrder("ec2:AuthorizeSecurityGroupIngress", "ec2:RevokeSecurityGroupIngress");
    assertThat(statement.path("Condition").path("StringEquals").path("aws:ResourceTag/wschat-stack").asText())
        .isEqualTo("${STACK_NAME}");
  }
}
