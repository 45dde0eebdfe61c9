package org.vmstate4j.dsl;

import java.util.function.Predicate;
import org.vmstate4j.engine.codec.Codecs;
import org.vmstate4j.engine.model.VmsFlags;

/**
 * Static entry points of the DSL, meant for {@code import static org.vmstate4j.dsl.VmsdDsl.*}.
 *
 * <pre>{@code
 * static final VmStateDescription VMSD = vmsd("nvme-lite-sq", Sq.class)
 *     .version(1)
 *     .fields(field("sqid").uint16(), field("head").uint32(), field("dma_addr").uint64())
 *     .build();
 * }</pre>
 */
public final class VmsdDsl {
  private VmsdDsl() {}

  /** Starts a description named {@code name} of objects of class {@code type}. */
  public static <T> VmsdBuilder<T> vmsd(String name, Class<T> type) {
    return new VmsdBuilder<>(name, type);
  }

  /** Starts a field bound to the Java field {@code name} (or its camelCase form). */
  public static FieldSpec field(String name) {
    return new FieldSpec(name);
  }

  /** VMSTATE_UNUSED: {@code size} zero bytes on save, skipped on load; bound to nothing. */
  public static FieldSpec unused(int size) {
    return new FieldSpec("unused").edit(f -> {
      f.chooseType("unused(" + size + ")", Codecs.UNUSED_BUFFER);
      f.flags |= VmsFlags.BUFFER;
      f.size = size;
      f.bound = false;
    });
  }

  /**
   * VMSTATE_VALIDATE: reads nothing; a load fails with "Input validation failed" unless
   * {@code test} holds. Place it between a count and the array it sizes.
   *
   * <pre>{@code validate("num_timers in range", (Hpet h) -> h.numTimers <= 32)}</pre>
   */
  @SuppressWarnings("unchecked")
  public static <T> FieldSpec validate(String name, Predicate<T> test) {
    Predicate<Object> p = (Predicate<Object>) test;
    return new FieldSpec(name).edit(f -> {
      f.chooseType("validate", Codecs.UNUSED_BUFFER);
      f.flags |= VmsFlags.ARRAY | VmsFlags.MUST_EXIST;
      f.num = 0;
      f.bound = false;
    }).exists("validate", (obj, v) -> p.test(obj), null);
  }

  /**
   * As {@link #validate(String, Predicate)}, for objects of {@code type}; building the
   * description fails unless it describes a {@code type} (the lambda's own parameter type is
   * erased and could only fail at load).
   *
   * <pre>{@code validate("num_timers in range", Hpet.class, h -> h.numTimers <= 32)}</pre>
   */
  @SuppressWarnings("unchecked")
  public static <T> FieldSpec validate(String name, Class<T> type, Predicate<? super T> test) {
    Predicate<Object> p = (Predicate<Object>) test;
    return validate(name, p).exists("validate", (obj, v) -> p.test(obj), type);
  }
}
