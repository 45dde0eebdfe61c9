package org.vmstate4j.engine.inspect;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.vmstate4j.engine.inspect.CompatReport.Cause;
import org.vmstate4j.engine.inspect.CompatReport.Direction;
import org.vmstate4j.engine.inspect.CompatReport.Finding;
import org.vmstate4j.engine.inspect.CompatReport.Severity;

/**
 * How QEMU's load treats the machine type (QEMU 7.2, checked against the installed binary): a
 * stream starts with a configuration section naming the source's machine type, unless the
 * machine type is a versioned one up to 2.3 (their compat properties turn
 * {@code send-configuration} off). A destination that expects the section refuses another
 * machine type ("Machine type received is 'pc-i440fx-2.12' and local is 'pc-i440fx-7.2'"), a
 * missing section ("Configuration section missing"), and one that does not expect it fails on it
 * ("Unknown savevm section type 7").
 */
public final class MachineType {
  private static final Pattern VERSION = Pattern.compile("-(\\d+)\\.(\\d+)$");

  private MachineType() {}

  /**
   * Whether a stream of this machine type starts with a configuration section (and whether a
   * destination of this type expects one): all but the versioned types up to 2.3.
   */
  public static boolean sendsConfiguration(String machine) {
    Matcher m = VERSION.matcher(machine);
    if (!m.find()) {
      return true;
    }
    int major = Integer.parseInt(m.group(1));
    int minor = Integer.parseInt(m.group(2));
    return major > 2 || (major == 2 && minor > 3);
  }

  /**
   * Whether a destination of type {@code local} accepts the configuration section of
   * {@code received}: QEMU compares only the received name's length, so a local name that
   * starts with the received one passes.
   */
  public static boolean accepts(String local, String received) {
    return local.startsWith(received);
  }

  /** What a stream made on {@code src} meets on a {@code dst} destination. */
  static List<Finding> check(Direction d, String src, String dst) {
    List<Finding> out = new ArrayList<>();
    if (src.isEmpty() || dst.isEmpty()) {
      if (!src.equals(dst)) {
        out.add(new Finding(d, Severity.INFO, Cause.MACHINE_TYPE, "machine type", "only one"
            + " file names its machine type ('" + (src.isEmpty() ? dst : src) + "'): not"
            + " compared"));
      }
      return out;
    }
    if (src.equals(dst)) {
      return out;
    }
    boolean sends = sendsConfiguration(src);
    boolean expects = sendsConfiguration(dst);
    String run = ": run the destination with the source's machine type (-M " + src + ")";
    String msg;
    if (sends && expects) {
      if (accepts(dst, src)) {
        out.add(new Finding(d, Severity.WARNING, Cause.MACHINE_TYPE, "machine type",
            "machine types '" + src + "' and '" + dst + "' differ, but QEMU compares only the"
                + " first " + src.length() + " characters and lets the stream in; device"
                + " defaults and RAM layout may still differ" + run));
        return out;
      }
      msg = "QEMU refuses the stream: \"Machine type received is '" + src + "' and local is '"
          + dst + "'\"";
    } else if (sends) {
      msg = "the stream starts with a configuration section, which a '" + dst + "' destination"
          + " (2.3 or older) does not expect: \"Unknown savevm section type 7\"";
    } else if (expects) {
      msg = "a '" + src + "' source (2.3 or older) sends no configuration section, which a '"
          + dst + "' destination requires: \"Configuration section missing\"";
    } else {
      out.add(new Finding(d, Severity.WARNING, Cause.MACHINE_TYPE, "machine type",
          "machine types '" + src + "' and '" + dst + "' differ; neither sends a"
              + " configuration section (2.3 or older), so QEMU's load does not compare them,"
              + " but device defaults and RAM layout differ between machine types" + run));
      return out;
    }
    out.add(new Finding(d, Severity.ERROR, Cause.MACHINE_TYPE, "machine type",
        "machine types '" + src + "' and '" + dst + "' differ: " + msg + run));
    return out;
  }
}
