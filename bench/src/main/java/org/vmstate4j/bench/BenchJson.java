package org.vmstate4j.bench;

import java.io.File;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/** The table and the targets as JSON ({@code bench-results.json}). */
final class BenchJson {
  private BenchJson() {}

  static void write(Path out, BenchArgs a, double seconds, List<BenchRow> rows,
      List<BenchTargets.Target> targets, List<BenchTargets.Target> paired) {
    JsonMapper mapper = JsonMapper.builder().build();
    ObjectNode root = mapper.createObjectNode();
    root.put("mode", a.mode());
    root.put("date", Instant.now().toString());
    root.put("jvm", System.getProperty("java.vm.name") + " " + System.getProperty("java.version"));
    root.put("forks", a.forks());
    ArrayNode runs = root.putArray("runs");
    for (BenchArgs.Plan plan : a.plans()) {
      ObjectNode n = runs.addObject();
      n.put("include", plan.include());
      n.put("warmupIterations", plan.warmups());
      n.put("warmupMillis", plan.warmupMillis());
      n.put("measurementIterations", plan.iterations());
      n.put("iterationMillis", plan.millis());
    }
    root.put("seconds", Math.round(seconds));
    ArrayNode rs = root.putArray("results");
    for (BenchRow r : rows) {
      ObjectNode n = rs.addObject();
      n.put("scenario", r.scenario());
      n.put("op", r.op());
      n.put("contender", r.contenderName());
      n.put("benchmark", r.benchmark());
      n.put("nsPerOp", r.nsPerOp());
      putNumber(n, "errorNs", r.errorNs());
      n.put("wireBytes", r.wireBytes());
      n.put("mbPerSec", r.mbPerSec());
      putNumber(n, "allocBytesPerOp", r.allocBytes());
      putNumber(n, "vsHand", r.ratio(r.handRef(rows)));
      putNumber(n, "vsKryo", r.ratio(r.kryoRef(rows)));
    }
    putTargets(root.putArray("targets"), targets);
    putTargets(root.putArray("pairedTargets"), paired);
    File f = out.toFile();
    if (f.getParentFile() != null) {
      f.getParentFile().mkdirs();
    }
    mapper.writerWithDefaultPrettyPrinter().writeValue(f, root);
  }

  private static void putTargets(ArrayNode ts, List<BenchTargets.Target> targets) {
    for (BenchTargets.Target t : targets) {
      ObjectNode n = ts.addObject();
      n.put("target", t.target());
      n.put("value", t.value());
      n.put("pass", t.verdict().equals("PASS"));
      n.put("verdict", t.verdict());
    }
  }

  private static void putNumber(ObjectNode n, String name, double q) {
    if (Double.isNaN(q)) {
      n.putNull(name);
    } else {
      n.put(name, q);
    }
  }
}
