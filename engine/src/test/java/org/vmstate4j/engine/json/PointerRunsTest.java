package org.vmstate4j.engine.json;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** Which entries of a description are a leading pointer run that claims the whole array. */
class PointerRunsTest {
  private static final JsonMapper MAPPER = JsonMapper.builder().build();

  private static JsonNode fields(String json) {
    return MAPPER.readTree(json.replace('\'', '"'));
  }

  private static final String RUN4 = "{'name': 'ar', 'array_len': 4, 'type': 'struct', 'size': 4}";
  private static final String NULL1 = "{'name': 'ar', 'type': 'ptr-marker', 'size': 1}";
  private static final String RUN2 = "{'name': 'ar', 'array_len': 2, 'type': 'struct', 'size': 4}";

  @Test
  void aLeadingRunFollowedByMarkersEndsWhereTheLaterRunsBegin() {
    JsonNode f = fields("[" + RUN4 + ", " + NULL1 + ", " + RUN2 + "]");
    assertThat(PointerRuns.leadingRunEnd(f, 0)).isEqualTo(1);
    // the later entries are QEMU's measured runs
    assertThat(PointerRuns.leadingRunEnd(f, 1)).isEqualTo(-1);
    assertThat(PointerRuns.leadingRunEnd(f, 2)).isEqualTo(-1);
  }

  @Test
  void olderTreesNameTheMarkerNullptr() {
    JsonNode f = fields("[" + RUN4 + ", {'name': 'ar', 'type': 'nullptr', 'size': 1}, "
        + "{'name': 'ar', 'type': 'struct', 'size': 4}]");
    assertThat(PointerRuns.leadingRunEnd(f, 0)).isEqualTo(2);
  }

  @Test
  void otherShapesAreLeftAsWritten() {
    // no marker after the run
    assertThat(PointerRuns.leadingRunEnd(fields("[" + RUN4 + ", " + RUN2 + "]"), 0))
        .isEqualTo(-1);
    // the marker belongs to another field
    assertThat(PointerRuns.leadingRunEnd(fields("[" + RUN4
        + ", {'name': 'other', 'type': 'ptr-marker', 'size': 1}]"), 0)).isEqualTo(-1);
    // the later entries alone fill the claim: not a whole-array claim
    assertThat(PointerRuns.leadingRunEnd(fields("[" + RUN2 + ", " + NULL1 + ", " + RUN2 + "]"),
        0)).isEqualTo(-1);
    // a single element, and the last entry
    assertThat(PointerRuns.leadingRunEnd(fields("[" + NULL1.replace("ptr-marker", "struct")
        + ", " + NULL1 + "]"), 0)).isEqualTo(-1);
    assertThat(PointerRuns.leadingRunEnd(fields("[" + RUN4 + "]"), 0)).isEqualTo(-1);
    assertThat(PointerRuns.leadingRunEnd(fields("{}"), 0)).isEqualTo(-1);
  }
}
