package io.wschat.localgateway.internal;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class AuthorizerResponseTest {
  private static final String ARN = "arn:aws:execute-api:us-east-1:123456789012:abcdefghij/local/$connect";
  private static final String ALLOW_ALL =
      "{'Statement':[{'Action':'execute-api:Invoke','Effect':'Allow','Resource':'*'}]}";

  @ParameterizedTest
  @ValueSource(strings = {ARN, "*", "arn:aws:execute-api:*", "arn:aws:execute-api:us-east-1:123456789012:abcdefghij/*",
      "arn:aws:execute-api:*:*:abcdefghij/*/$connect", "arn:aws:execute-api:us-east-?:*"})
  void an_allow_whose_resource_matches_the_method_arn_allows(String resource) {
    var answer = json("{'principalId':'p','policyDocument':{'Version':'2012-10-17','Statement':[{'Action':"
        + "'execute-api:Invoke','Effect':'Allow','Resource':'" + resource + "'}]}}");
    assertThat(AuthorizerResponse.read(answer, ARN)).isInstanceOf(Authorization.Allowed.class);
  }

  @ParameterizedTest
  @ValueSource(strings = {"arn:aws:execute-api:us-east-1:123456789012:otherapiid/*",
      "arn:aws:execute-api:us-east-1:123456789012:abcdefghij/prod/$connect", "arn:aws:execute-api:*/$disconnect"})
  void an_allow_for_other_resources_is_403(String resource) {
    var answer = json("{'principalId':'p','policyDocument':{'Statement':{'Action':'execute-api:Invoke',"
        + "'Effect':'Allow','Resource':'" + resource + "'}}}");
    assertThat(AuthorizerResponse.read(answer, ARN)).isEqualTo(forbidden("the policy does not allow " + ARN));
  }

  @Test
  void lists_of_actions_and_resources_and_action_wildcards_are_read_as_iam_reads_them() {
    var answer = json("{'principalId':'p','policyDocument':{'Statement':[{'Action':['s3:GetObject','execute-api:*'],"
        + "'Effect':'Allow','Resource':['arn:aws:s3:::x','" + ARN + "']}]}}");
    assertThat(AuthorizerResponse.read(answer, ARN)).isInstanceOf(Authorization.Allowed.class);
    var otherAction = json("{'principalId':'p','policyDocument':{'Statement':[{"
        + "'Action':'execute-api:ManageConnections','Effect':'Allow','Resource':'*'}]}}");
    assertThat(AuthorizerResponse.read(otherAction, ARN).status()).isEqualTo(403);
  }

  @Test
  void an_explicit_deny_wins_over_an_allow() {
    var answer = json("{'principalId':'p','policyDocument':{'Statement':["
        + "{'Action':'execute-api:Invoke','Effect':'Allow','Resource':'*'},"
        + "{'Action':'execute-api:Invoke','Effect':'Deny','Resource':'" + ARN + "'}]}}");
    assertThat(AuthorizerResponse.read(answer, ARN)).isEqualTo(forbidden("the policy denies " + ARN));
  }

  @Test
  void the_context_and_principal_become_the_authorizer_map() {
    var answer = json("{'principalId':'alice','policyDocument':{'Statement':[{'Action':'execute-api:Invoke',"
        + "'Effect':'Allow','Resource':'*'}]},'context':{'userId':'u1','n':2,'ok':false,'gone':null}}");
    var allowed = (Authorization.Allowed) AuthorizerResponse.read(answer, ARN);
    assertThat(allowed.principalId()).isEqualTo("alice");
    assertThat(allowed.authorizer()).isEqualTo(json("{'userId':'u1','n':2,'ok':false,'principalId':'alice'}"));
  }

  @ParameterizedTest
  @ValueSource(strings = {
      "null",
      "'Allow'",
      "{'policyDocument':" + ALLOW_ALL + "}",
      "{'principalId':'','policyDocument':" + ALLOW_ALL + "}",
      "{'principalId':7,'policyDocument':" + ALLOW_ALL + "}",
      "{'principalId':'p'}",
      "{'principalId':'p','policyDocument':{'Statement':'Allow'}}",
      "{'principalId':'p','policyDocument':{'Statement':[{'Action':'execute-api:Invoke','Effect':'allow',"
          + "'Resource':'*'}]}}",
      "{'principalId':'p','policyDocument':{'Statement':[{'Effect':'Allow','Resource':'*'}]}}",
      "{'principalId':'p','policyDocument':{'Statement':[{'Action':'execute-api:Invoke','Effect':'Allow'}]}}",
      "{'principalId':'p','policyDocument':" + ALLOW_ALL + ",'context':{'roles':['a','b']}}",
      "{'principalId':'p','policyDocument':" + ALLOW_ALL + ",'context':'x'}"})
  void a_malformed_answer_is_403(String answer) {
    assertThat(AuthorizerResponse.read(json(answer), ARN).status()).isEqualTo(403);
  }

  private static Authorization.Refused forbidden(String error) {
    return new Authorization.Refused(403, error);
  }

  private static JsonNode json(String singleQuoted) {
    return Json.parse(singleQuoted.replace('\'', '"').getBytes(StandardCharsets.UTF_8)).orElseThrow();
  }
}
