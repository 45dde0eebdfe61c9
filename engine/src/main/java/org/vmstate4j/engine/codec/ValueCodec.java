package org.vmstate4j.engine.codec;

import org.jspecify.annotations.Nullable;
import org.vmstate4j.engine.io.VmInput;
import org.vmstate4j.engine.io.VmOutput;

/**
 * A custom codec over values of one Java type, for QEMU VMStateInfos the standard set lacks.
 *
 * <pre>{@code
 * ValueCodec<byte[]> pciConfig = ValueCodec.of("pci config", byte[].class,
 *     (out, v, size) -> out.write(v, 0, size),
 *     (in, current, size) -> in.readBytes(size));
 * }</pre>
 *
 * @param <T> the Java type of the member or element
 */
public interface ValueCodec<T> extends Codec {
  /** The Java type the codec reads and writes. */
  Class<T> valueType();

  /** Writes {@code value}; {@code size} is the field's element size. */
  void save(VmOutput out, T value, int size);

  /** Reads a value; {@code current} is what the destination holds now. Returns the new value. */
  T load(VmInput in, @Nullable T current, int size);

  @Override
  default boolean accepts(Class<?> storage) {
    return storage.isAssignableFrom(valueType()) || valueType().isAssignableFrom(storage);
  }

  /** Writes one value. */
  @FunctionalInterface
  interface Saver<T> {
    void save(VmOutput out, T value, int size);
  }

  /** Reads one value. */
  @FunctionalInterface
  interface Loader<T> {
    T load(VmInput in, @Nullable T current, int size);
  }

  /** A codec from two lambdas. */
  static <T> ValueCodec<T> of(String name, Class<T> type, Saver<T> saver, Loader<T> loader) {
    return new ValueCodec<>() {
      @Override
      public String name() {
        return name;
      }

      @Override
      public Class<T> valueType() {
        return type;
      }

      @Override
      public void save(VmOutput out, T value, int size) {
        saver.save(out, value, size);
      }

      @Override
      public T load(VmInput in, @Nullable T current, int size) {
        return loader.load(in, current, size);
      }

      @Override
      public String toString() {
        return name;
      }
    };
  }
}
