package org.vmstate4j.dsl;

import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;

/** Finds the Java field a vmstate field name binds to: exact name, then snake_case as camelCase. */
final class Members {
  private Members() {}

  static @Nullable Field find(Class<?> type, String name) {
    Field f = exact(type, name);
    if (f == null && name.indexOf('_') >= 0) {
      f = exact(type, camel(name));
    }
    return f;
  }

  private static @Nullable Field exact(Class<?> type, String name) {
    for (Class<?> c = type; c != null && c != Object.class; c = c.getSuperclass()) {
      for (Field f : c.getDeclaredFields()) {
        if (f.getName().equals(name) && !Modifier.isStatic(f.getModifiers())) {
          return f;
        }
      }
    }
    return null;
  }

  static String camel(String snake) {
    StringBuilder sb = new StringBuilder();
    boolean up = false;
    for (char ch : snake.toCharArray()) {
      if (ch == '_') {
        up = sb.length() > 0;
      } else {
        sb.append(up ? Character.toUpperCase(ch) : ch);
        up = false;
      }
    }
    return sb.toString();
  }

  /** Instance field names of {@code type}, for error messages. */
  static List<String> names(Class<?> type) {
    List<String> names = new ArrayList<>();
    for (Class<?> c = type; c != null && c != Object.class; c = c.getSuperclass()) {
      for (Field f : c.getDeclaredFields()) {
        if (!Modifier.isStatic(f.getModifiers()) && !f.isSynthetic()) {
          names.add(f.getName());
        }
      }
    }
    return names;
  }
}
