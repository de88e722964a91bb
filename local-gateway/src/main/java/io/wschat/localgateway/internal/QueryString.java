package io.wschat.localgateway.internal;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.eclipse.jetty.util.Fields;

/** Query parameters as API Gateway hands them over: decoded, the last value wins in the single-value map. */
record QueryString(Map<String, String> single, Map<String, List<String>> multi) {
  static QueryString of(Fields fields) {
    Map<String, String> single = new LinkedHashMap<>();
    Map<String, List<String>> multi = new LinkedHashMap<>();
    for (Fields.Field field : fields) {
      List<String> values = new ArrayList<>(field.getValues());
      multi.put(field.getName(), values);
      single.put(field.getName(), values.isEmpty() ? "" : values.get(values.size() - 1));
    }
    return new QueryString(single, multi);
  }

  boolean isEmpty() {
    return single.isEmpty();
  }
}
