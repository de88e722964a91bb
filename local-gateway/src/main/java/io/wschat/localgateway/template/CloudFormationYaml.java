package io.wschat.localgateway.template;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.AbstractConstruct;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;

/**
 * Reads a CloudFormation or SAM template into a Jackson tree, with every short-form intrinsic ({@code !Ref x},
 * {@code !GetAtt a.b}, {@code !Sub ...}, {@code !If [...]}) turned into its long form ({@code {"Ref": "x"}},
 * {@code {"Fn::GetAtt": ["a", "b"]}}, ...), as CloudFormation itself reads it. Jackson's YAML parser refuses
 * unknown tags, so this uses SnakeYAML (which jackson-dataformat-yaml brings) with a constructor that knows them.
 */
public final class CloudFormationYaml {
  private static final ObjectMapper JSON = new ObjectMapper();

  private CloudFormationYaml() {}

  public static JsonNode read(Path file) throws IOException {
    try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
      Object tree = new Yaml(new IntrinsicConstructor()).load(reader);
      return JSON.valueToTree(tree);
    }
  }

  /** Safe loading, plus one construct for every tag SnakeYAML does not know: the intrinsic functions. */
  private static final class IntrinsicConstructor extends SafeConstructor {
    IntrinsicConstructor() {
      super(new LoaderOptions());
      yamlConstructors.put(null, new Intrinsic());
    }

    private final class Intrinsic extends AbstractConstruct {
      @Override
      public Object construct(Node node) {
        String name = node.getTag().getValue().replaceFirst("^!", "");
        Object value;
        if (node instanceof ScalarNode scalar) {
          value = constructScalar(scalar);
        } else if (node instanceof SequenceNode sequence) {
          value = constructSequence(sequence);
        } else {
          value = constructMapping((MappingNode) node);
        }
        if ("GetAtt".equals(name) && value instanceof String dotted) {
          // !GetAtt Resource.Attribute is short for ["Resource", "Attribute"]; the attribute may hold dots itself.
          int dot = dotted.indexOf('.');
          value = dot < 0 ? List.of(dotted) : List.of(dotted.substring(0, dot), dotted.substring(dot + 1));
        }
        String key = "Ref".equals(name) || "Condition".equals(name) ? name : "Fn::" + name;
        return Map.of(key, value);
      }
    }
  }
}
