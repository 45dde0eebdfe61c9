package org.vmstate4j.dsl;

import java.lang.reflect.Field;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;
import org.vmstate4j.engine.model.FieldAccessor;

/**
 * A member reached through other members, as QEMU names fields of nested structures:
 * {@code channels[0].irq_disabled}, {@code env.regs}. Each step is bound once, when the
 * description is built; saving and loading then walk the bound steps.
 */
final class MemberPath implements FieldAccessor {
  private static final Pattern STEP = Pattern.compile("([A-Za-z_$][A-Za-z0-9_$]*)(?:\\[(\\d+)])?");

  private final String path;
  private final FieldAccessor[] steps;
  private final int[] indexes;
  private final FieldAccessor last;

  private MemberPath(String path, FieldAccessor[] steps, int[] indexes, FieldAccessor last) {
    this.path = path;
    this.steps = steps;
    this.indexes = indexes;
    this.last = last;
  }

  /** Whether {@code name} names a path rather than one member. */
  static boolean isPath(String name) {
    return name.indexOf('.') >= 0 || name.indexOf('[') >= 0;
  }

  /**
   * Binds {@code path} from {@code type}; null with the reason in {@code why} when a step does
   * not exist or does not lead to an object.
   */
  static @Nullable MemberPath bind(Class<?> type, String path, StringBuilder why) {
    String[] parts = path.split("\\.");
    List<FieldAccessor> steps = new ArrayList<>();
    List<Integer> indexes = new ArrayList<>();
    Class<?> at = type;
    for (int k = 0; k < parts.length; k++) {
      Matcher m = STEP.matcher(parts[k]);
      if (!m.matches()) {
        why.append("'").append(parts[k]).append("' is not a member name or name[index]");
        return null;
      }
      Field f = Members.find(at, m.group(1));
      if (f == null) {
        why.append("class ").append(at.getSimpleName()).append(" has no field '")
            .append(m.group(1)).append("' (fields: ")
            .append(String.join(", ", Members.names(at))).append(")");
        return null;
      }
      boolean lastStep = k == parts.length - 1;
      int index = m.group(2) == null ? -1 : Integer.parseInt(m.group(2));
      if (lastStep) {
        if (index >= 0) {
          why.append("the last step of '").append(path).append("' cannot be indexed");
          return null;
        }
        int[] idx = indexes.stream().mapToInt(Integer::intValue).toArray();
        return new MemberPath(path, steps.toArray(FieldAccessor[]::new), idx,
            MemberAccessor.of(f));
      }
      Class<?> next = f.getType();
      if (index >= 0) {
        if (!next.isArray() || next.getComponentType().isPrimitive()) {
          why.append("'").append(m.group(1)).append("' is not an array of objects");
          return null;
        }
        next = next.getComponentType();
      } else if (next.isPrimitive() || next.isArray()) {
        why.append("'").append(m.group(1)).append("' does not lead to an object");
        return null;
      }
      steps.add(MemberAccessor.of(f));
      indexes.add(index);
      at = next;
    }
    why.append("empty path");
    return null;
  }

  /** The object that holds the last member. */
  private Object holder(Object owner) {
    Object o = owner;
    for (int k = 0; k < steps.length; k++) {
      Object v = steps[k].get(o);
      if (v != null && indexes[k] >= 0) {
        v = ((Object[]) v)[indexes[k]];
      }
      if (v == null) {
        throw new NullPointerException("'" + path + "': step " + (k + 1) + " is null");
      }
      o = v;
    }
    return o;
  }

  @Override
  public Class<?> type() {
    return last.type();
  }

  @Override
  public @Nullable Object get(Object owner) {
    return last.get(holder(owner));
  }

  @Override
  public void set(Object owner, @Nullable Object value) {
    last.set(holder(owner), value);
  }

  @Override
  public long getLong(Object owner) {
    return last.getLong(holder(owner));
  }

  @Override
  public void setLong(Object owner, long value) {
    last.setLong(holder(owner), value);
  }

  @Override
  public double getDouble(Object owner) {
    return last.getDouble(holder(owner));
  }

  @Override
  public void setDouble(Object owner, double value) {
    last.setDouble(holder(owner), value);
  }

  @Override
  public String toString() {
    return path;
  }
}
