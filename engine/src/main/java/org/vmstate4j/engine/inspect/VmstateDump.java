package org.vmstate4j.engine.inspect;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A whole {@code -dump-vmstate} file: the machine type it was made with and its device types in
 * file order. Read with {@link DumpVmstate#load}; compared with {@link Compat#check(VmstateDump,
 * VmstateDump, String)}.
 *
 * @param machine the machine type ({@code vmschkmachine}), or "" when the file names none
 * @param devices device types by name, in file order
 */
public record VmstateDump(String machine, Map<String, DumpDevice> devices) {

  public VmstateDump {
    devices = Collections.unmodifiableMap(new LinkedHashMap<>(devices));
  }
}
