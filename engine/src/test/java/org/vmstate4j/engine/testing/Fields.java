package org.vmstate4j.engine.testing;

import org.vmstate4j.engine.codec.Codec;
import org.vmstate4j.engine.model.VmStateDescription;
import org.vmstate4j.engine.model.VmStateField;
import org.vmstate4j.engine.model.VmsFlags;

/** Short forms of QEMU's field macros for engine tests; the member name is the field name. */
public final class Fields {
  private Fields() {}

  /** VMSTATE_&lt;TYPE&gt;(name): a single value. */
  public static VmStateField.Builder scalar(Class<?> owner, String name, Codec codec) {
    return VmStateField.builder(name).flags(VmsFlags.SINGLE).codec(codec)
        .accessor(Access.field(owner, name));
  }

  /** VMSTATE_&lt;TYPE&gt;_V(name, version). */
  public static VmStateField scalarV(Class<?> owner, String name, Codec codec, int version) {
    return scalar(owner, name, codec).versionId(version).build();
  }

  /** VMSTATE_&lt;TYPE&gt;_ARRAY(name, n). */
  public static VmStateField array(Class<?> owner, String name, Codec codec, int n) {
    return VmStateField.builder(name).flags(VmsFlags.ARRAY).num(n).codec(codec)
        .accessor(Access.field(owner, name)).build();
  }

  /** VMSTATE_STRUCT(name, vmsd). */
  public static VmStateField.Builder struct(Class<?> owner, String name, VmStateDescription d) {
    return VmStateField.builder(name).flags(VmsFlags.STRUCT).vmsd(d)
        .accessor(Access.field(owner, name));
  }
}
