package org.vmstate4j.dsl;

import java.util.Collections;
import java.util.Map;
import java.util.WeakHashMap;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;
import org.vmstate4j.engine.model.VmStateDescription;

/** Which Java class a DSL-built description describes, and how to make one. */
final class Bindings {
  record Binding(Class<?> type, @Nullable Supplier<?> factory) {}

  private static final Map<VmStateDescription, Binding> BY_DESC =
      Collections.synchronizedMap(new WeakHashMap<>());

  private Bindings() {}

  static void put(VmStateDescription d, Class<?> type, @Nullable Supplier<?> factory) {
    BY_DESC.put(d, new Binding(type, factory));
  }

  static @Nullable Binding of(VmStateDescription d) {
    return BY_DESC.get(d);
  }
}
