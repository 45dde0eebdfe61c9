package org.vmstate4j.examples.safety;

import java.lang.reflect.Array;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.Collection;
import java.util.HexFormat;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;

/**
 * A deep snapshot of an object graph, for checking that a failed load left its destination
 * exactly as it was: every reachable value (primitives, boxes, strings, arrays, lists, maps,
 * BitSets, ByteBuffer contents, the non-static fields of other objects and their superclasses)
 * and the identity of every reachable object.
 *
 * <p>Two snapshots are equal when the values read the same <em>and</em> the same objects
 * (by {@code ==}) sit at the same places, so replacing a destination element by an equal copy
 * counts as a change. Shared and cyclic references are followed once and named by number.
 */
final class Snapshot {
  private static final HexFormat HEX = HexFormat.of();

  private final String text;
  private final List<Object> identities;

  private Snapshot(String text, List<Object> identities) {
    this.text = text;
    this.identities = identities;
  }

  /** Takes a snapshot of everything reachable from {@code roots}. */
  static Snapshot of(Object... roots) {
    Walker w = new Walker();
    for (Object r : roots) {
      w.value(r);
      w.sb.append('\n');
    }
    return new Snapshot(w.sb.toString(), w.order);
  }

  /** Null when equal, else where the two differ first. */
  String difference(Snapshot after) {
    if (!text.equals(after.text)) {
      int i = 0;
      int n = Math.min(text.length(), after.text.length());
      while (i < n && text.charAt(i) == after.text.charAt(i)) {
        i++;
      }
      int from = Math.max(0, i - 80);
      return "values differ at char " + i + ": before …"
          + text.substring(from, Math.min(text.length(), i + 80)) + "… after …"
          + after.text.substring(from, Math.min(after.text.length(), i + 80)) + "…";
    }
    for (int k = 0; k < identities.size(); k++) {
      if (identities.get(k) != after.identities.get(k)) {
        return "object #" + k + " was replaced by an equal copy ("
            + identities.get(k).getClass().getSimpleName() + ")";
      }
    }
    return null;
  }

  @Override
  public String toString() {
    return text;
  }

  private static final class Walker {
    final StringBuilder sb = new StringBuilder();
    final Map<Object, Integer> seen = new IdentityHashMap<>();
    final List<Object> order = new ArrayList<>();

    void value(Object v) {
      if (v == null) {
        sb.append("null");
        return;
      }
      if (v instanceof Double) {
        sb.append("Double:").append(Double.doubleToRawLongBits((Double) v));
        return;
      }
      if (v instanceof Float) {
        sb.append("Float:").append(Float.floatToRawIntBits((Float) v));
        return;
      }
      if (v instanceof Number || v instanceof Boolean || v instanceof Character
          || v instanceof String || v instanceof Enum) {
        sb.append(v.getClass().getSimpleName()).append(':').append(v);
        return;
      }
      Integer id = seen.get(v);
      if (id != null) {
        sb.append('#').append(id);
        return;
      }
      seen.put(v, order.size());
      sb.append('#').append(order.size()).append('=');
      order.add(v);
      Class<?> c = v.getClass();
      if (c.isArray()) {
        array(v);
      } else if (v instanceof BitSet) {
        sb.append("BitSet").append(v);
      } else if (v instanceof ByteBuffer) {
        ByteBuffer b = (ByteBuffer) v;
        byte[] copy = new byte[b.capacity()];
        b.duplicate().clear().get(copy);
        sb.append("ByteBuffer[").append(b.position()).append(',').append(b.limit()).append(',')
            .append(HEX.formatHex(copy)).append(']');
      } else if (v instanceof Collection) {
        sb.append(c.getSimpleName()).append('[');
        for (Object e : (Collection<?>) v) {
          value(e);
          sb.append(',');
        }
        sb.append(']');
      } else if (v instanceof Map) {
        sb.append(c.getSimpleName()).append('{');
        for (Map.Entry<?, ?> e : ((Map<?, ?>) v).entrySet()) {
          value(e.getKey());
          sb.append('=');
          value(e.getValue());
          sb.append(',');
        }
        sb.append('}');
      } else if (c.getName().startsWith("java.") || c.isSynthetic()
          || c.getName().contains("$$Lambda")) {
        // platform internals and lambdas: identity only
        sb.append(c.getName());
      } else {
        fields(v, c);
      }
    }

    void array(Object a) {
      Class<?> t = a.getClass().getComponentType();
      int n = Array.getLength(a);
      if (t == byte.class) {
        sb.append("bytes[").append(HEX.formatHex((byte[]) a)).append(']');
        return;
      }
      sb.append(t.getSimpleName()).append('[');
      for (int i = 0; i < n; i++) {
        if (t == double.class) {
          sb.append(Double.doubleToRawLongBits(((double[]) a)[i]));
        } else if (t == float.class) {
          sb.append(Float.floatToRawIntBits(((float[]) a)[i]));
        } else if (t.isPrimitive()) {
          sb.append(Array.get(a, i));
        } else {
          value(Array.get(a, i));
        }
        sb.append(',');
      }
      sb.append(']');
    }

    void fields(Object o, Class<?> c) {
      sb.append(c.getSimpleName()).append('{');
      for (Class<?> k = c; k != null && k != Object.class; k = k.getSuperclass()) {
        for (Field f : k.getDeclaredFields()) {
          if (Modifier.isStatic(f.getModifiers())) {
            continue;
          }
          Object v;
          try {
            f.setAccessible(true);
            v = f.get(o);
          } catch (ReflectiveOperationException | RuntimeException e) {
            v = "<unreadable " + e.getClass().getSimpleName() + ">";
          }
          sb.append(f.getName()).append('=');
          if (f.getType() == double.class || f.getType() == float.class) {
            sb.append(Double.doubleToRawLongBits(((Number) v).doubleValue()));
          } else {
            value(v);
          }
          sb.append(';');
        }
      }
      sb.append('}');
    }
  }
}
