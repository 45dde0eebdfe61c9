package org.vmstate4j.engine.analyze;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** The JSON text must be what Python's json.dumps(indent=4, separators=(',', ': ')) prints. */
class PythonJsonTest {
  @Test
  void printsLikePythonIndentFour() {
    String input = "{\"k\\u00e9y\": \"caf\\u00e9 \\u007f\\u0001\\n\\t\\\"\\\\/ \\ud83d\\ude00\","
        + " \"dup\": 1, \"empty list\": [], \"empty dict\": {}, \"nested\": [1, -2,"
        + " {\"e\": null, \"t\": true, \"f\": false}, [[]]], \"dup\": 2,"
        + " \"big\": 18446744073709551615}";
    // json.dumps output of the same document (python3 -c, object_pairs_hook=OrderedDict)
    String python = "{\n    \"k\\u00e9y\": \"caf\\u00e9 \\u007f\\u0001\\n\\t\\\"\\\\/ \\ud83d\\ude00\",\n"
        + "    \"dup\": 2,\n    \"empty list\": [],\n    \"empty dict\": {},\n    \"nested\": [\n"
        + "        1,\n        -2,\n        {\n            \"e\": null,\n            \"t\": true,\n"
        + "            \"f\": false\n        },\n        [\n            []\n        ]\n    ],\n"
        + "    \"big\": 18446744073709551615\n}\n";
    String printed = PythonJson.print(PythonJson.parse(input.getBytes(StandardCharsets.UTF_8)));
    assertThat(printed).isEqualTo(python);
  }

  @Test
  void rawUtf8InTheDescriptionIsEscapedToo() {
    String printed = PythonJson.print(PythonJson.parse("[\"\u00e9\u2028\"]".getBytes(StandardCharsets.UTF_8)));
    assertThat(printed).isEqualTo("[\n    \"\\u00e9\\u2028\"\n]\n");
  }
}
