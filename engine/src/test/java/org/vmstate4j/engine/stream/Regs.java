package org.vmstate4j.engine.stream;

import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;
import org.vmstate4j.engine.codec.Codec;
import org.vmstate4j.engine.codec.Codecs;
import org.vmstate4j.engine.model.FieldAccessor;
import org.vmstate4j.engine.model.FieldExists;
import org.vmstate4j.engine.model.VmStateDescription;
import org.vmstate4j.engine.model.VmStateField;
import org.vmstate4j.engine.model.VmsFlags;

/**
 * A generic test device: numbered integer registers, numbered buffers and one struct array,
 * with a small builder for descriptions over it (fields of subsections share the registers,
 * as QEMU subsections share the device struct).
 */
final class Regs {
  final long[] v;
  final byte[][] b;
  Regs @Nullable [] structs;

  Regs(int values, int[] bufferSizes) {
    v = new long[values];
    b = new byte[bufferSizes.length][];
    for (int i = 0; i < b.length; i++) {
      b[i] = new byte[bufferSizes[i]];
    }
  }

  static FieldAccessor value(int i) {
    return new FieldAccessor() {
      @Override
      public Class<?> type() {
        return long.class;
      }

      @Override
      public Object get(Object owner) {
        return ((Regs) owner).v[i];
      }

      @Override
      public void set(Object owner, @Nullable Object value) {
        ((Regs) owner).v[i] = (Long) value;
      }

      @Override
      public void setLong(Object owner, long value) {
        ((Regs) owner).v[i] = value;
      }

      @Override
      public void setDouble(Object owner, double value) {
        throw new UnsupportedOperationException();
      }
    };
  }

  static FieldAccessor buffer(int i) {
    return new FieldAccessor() {
      @Override
      public Class<?> type() {
        return byte[].class;
      }

      @Override
      public Object get(Object owner) {
        return ((Regs) owner).b[i];
      }

      @Override
      public void set(Object owner, @Nullable Object value) {
        ((Regs) owner).b[i] = (byte[]) value;
      }

      @Override
      public void setLong(Object owner, long value) {
        throw new UnsupportedOperationException();
      }

      @Override
      public void setDouble(Object owner, double value) {
        throw new UnsupportedOperationException();
      }
    };
  }

  static final FieldAccessor STRUCTS = new FieldAccessor() {
    @Override
    public Class<?> type() {
      return Regs[].class;
    }

    @Override
    public @Nullable Object get(Object owner) {
      return ((Regs) owner).structs;
    }

    @Override
    public void set(Object owner, @Nullable Object value) {
      ((Regs) owner).structs = (Regs[]) value;
    }

    @Override
    public void setLong(Object owner, long value) {
      throw new UnsupportedOperationException();
    }

    @Override
    public void setDouble(Object owner, double value) {
      throw new UnsupportedOperationException();
    }
  };

  /** Builds a description over Regs and makes matching objects. */
  static final class Dev {
    private final VmStateDescription.Builder b;
    private final int[] values;
    private final List<Integer> buffers;
    private final List<Dev> subs = new ArrayList<>();
    private @Nullable Dev element;
    private int elements;

    Dev(String name, int version, int minimum) {
      this(name, version, minimum, new int[1], new ArrayList<>());
    }

    private Dev(String name, int version, int minimum, int[] values, List<Integer> buffers) {
      this.b = VmStateDescription.builder(name).versionId(version).minimumVersionId(minimum);
      this.values = values;
      this.buffers = buffers;
    }

    /** An integer field in the next register; returns the register index. */
    Dev i(String name, Codec codec) {
      return i(name, codec, null);
    }

    Dev i(String name, Codec codec, @Nullable FieldExists exists) {
      b.field(VmStateField.builder(name).flags(VmsFlags.SINGLE).codec(codec).exists(exists)
          .accessor(value(values[0]++)).build());
      return this;
    }

    /** An integer field that exists from {@code version} on. */
    Dev iv(String name, Codec codec, int version) {
      b.field(VmStateField.builder(name).flags(VmsFlags.SINGLE).codec(codec).versionId(version)
          .accessor(value(values[0]++)).build());
      return this;
    }

    /** {@code n} integer fields of the same codec. */
    Dev is(Codec codec, String... names) {
      for (String n : names) {
        i(n, codec);
      }
      return this;
    }

    Dev buf(String name, int size) {
      b.field(VmStateField.builder(name).flags(VmsFlags.BUFFER).codec(Codecs.BUFFER).size(size)
          .accessor(buffer(buffers.size())).build());
      buffers.add(size);
      return this;
    }

    Dev unused(int size) {
      b.field(VmStateField.builder("unused").flags(VmsFlags.BUFFER)
          .codec(Codecs.UNUSED_BUFFER).size(size).build());
      return this;
    }

    /** A struct array of {@code n} elements described by {@code element}. */
    Dev structs(String name, int n, Dev element) {
      this.element = element;
      this.elements = n;
      b.field(VmStateField.builder(name).flags(VmsFlags.STRUCT | VmsFlags.ARRAY).num(n)
          .vmsd(element.build()).accessor(STRUCTS).build());
      return this;
    }

    /** A field stored in register {@code index} of struct element {@code e}. */
    Dev inStruct(String name, Codec codec, int e, int index) {
      FieldAccessor inner = value(index);
      b.field(VmStateField.builder(name).flags(VmsFlags.SINGLE).codec(codec)
          .accessor(new FieldAccessor() {
            @Override
            public Class<?> type() {
              return long.class;
            }

            @Override
            public Object get(Object owner) {
              return inner.get(((Regs) owner).structs[e]);
            }

            @Override
            public void set(Object owner, @Nullable Object value) {
              inner.set(((Regs) owner).structs[e], value);
            }

            @Override
            public void setLong(Object owner, long value) {
              inner.setLong(((Regs) owner).structs[e], value);
            }

            @Override
            public void setDouble(Object owner, double value) {
              throw new UnsupportedOperationException();
            }
          }).build());
      return this;
    }

    /** Starts a subsection over the same registers; always needed. */
    Dev sub(String name, int version) {
      Dev s = new Dev(name, version, version, values, buffers);
      subs.add(s);
      return s;
    }

    private @Nullable VmStateDescription built;

    VmStateDescription build() {
      if (built == null) {
        for (Dev s : subs) {
          b.subsection(s.build());
        }
        built = b.build();
      }
      return built;
    }

    /** A fresh object for this description. */
    Regs object() {
      Regs r = new Regs(values[0], buffers.stream().mapToInt(Integer::intValue).toArray());
      if (element != null) {
        r.structs = new Regs[elements];
        for (int k = 0; k < elements; k++) {
          r.structs[k] = element.object();
        }
      }
      return r;
    }
  }
}
