package org.vmstate4j.engine.state;

import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;

/** A java.util.List; grows with nulls when a count asks for more slots. */
final class ListSlots extends Slots {
  ListSlots(Class<?> element) {
    super(element);
  }

  @SuppressWarnings("unchecked")
  private static List<@Nullable Object> list(Object c) {
    return (List<@Nullable Object>) c;
  }

  @Override
  int length(Object c) {
    return list(c).size();
  }

  @Override
  @Nullable Object get(Object c, int i) {
    return list(c).get(i);
  }

  @Override
  void set(Object c, int i, @Nullable Object v) {
    list(c).set(i, v);
  }

  @Override
  Object newContainer(int n) {
    List<@Nullable Object> l = new ArrayList<>(n);
    for (int i = 0; i < n; i++) {
      l.add(null);
    }
    return l;
  }

  @Override
  Object snapshot(Object c) {
    return new ArrayList<>(list(c));
  }

  @Override
  void restore(Object c, Object s) {
    List<@Nullable Object> l = list(c);
    List<@Nullable Object> old = list(s);
    if (l.size() != old.size()) {
      l.clear();
      l.addAll(old);
      return;
    }
    // slot by slot, touching only what changed: a fixed-size or unmodifiable list the load
    // could not change is left alone
    for (int i = 0; i < old.size(); i++) {
      if (l.get(i) != old.get(i)) {
        l.set(i, old.get(i));
      }
    }
  }

  /**
   * Whether the list takes new elements: adding one (and removing it again) succeeds. A
   * List.of or Arrays.asList list throws, unchanged.
   */
  static boolean canGrow(Object c) {
    List<@Nullable Object> l = list(c);
    try {
      l.add(null);
    } catch (UnsupportedOperationException | IllegalArgumentException
        | NullPointerException e) {
      return false;
    }
    l.remove(l.size() - 1);
    return true;
  }

  void grow(Object c, int n) {
    List<@Nullable Object> l = list(c);
    while (l.size() < n) {
      l.add(null);
    }
  }
}
