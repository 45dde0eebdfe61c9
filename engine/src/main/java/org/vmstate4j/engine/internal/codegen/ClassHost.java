package org.vmstate4j.engine.internal.codegen;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.lang.reflect.Modifier;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Where the classes generated for members of one class go: hidden nestmates of that class when
 * the caller may define them (same module, or the class is open to the caller's module with full
 * privilege), else ordinary classes of its package (e.g. for JShell's classes, which live in
 * another class loader's module), which reach no private member.
 *
 * <p>{@code -Dvmstate4j.generate=false} turns generation off ({@link #ENABLED}); callers then
 * keep their method-handle paths.
 */
public final class ClassHost {
  /** Whether classes are generated at all. */
  public static final boolean ENABLED =
      !"false".equals(System.getProperty("vmstate4j.generate", "true"));

  private static final AtomicLong NAMES = new AtomicLong();

  private final MethodHandles.Lookup lookup;
  private final boolean nestmate;

  /**
   * The host of classes for members of {@code c}, defined with the rights of {@code caller}
   * (the module whose users open their classes to it).
   *
   * @throws IllegalAccessException when {@code c}'s package is not open to the caller
   */
  public ClassHost(Class<?> c, MethodHandles.Lookup caller) throws IllegalAccessException {
    lookup = MethodHandles.privateLookupIn(c, caller);
    nestmate = lookup.hasFullPrivilegeAccess();
  }

  /** Whether generated code may touch a member with modifiers {@code mods}. */
  public boolean reaches(int mods) {
    return nestmate || !Modifier.isPrivate(mods);
  }

  /** A class name for generated code from {@code base}: unique for ordinary classes. */
  public String name(String base) {
    return nestmate ? base : base + "$" + NAMES.incrementAndGet();
  }

  /** Defines the class {@code bytes} and returns a new instance made with {@code args}. */
  public Object create(byte[] bytes, MethodType ctor, Object... args) throws Throwable {
    if (nestmate) {
      MethodHandles.Lookup h = lookup.defineHiddenClass(bytes, true,
          MethodHandles.Lookup.ClassOption.NESTMATE);
      return h.findConstructor(h.lookupClass(), ctor).invokeWithArguments(args);
    }
    Class<?> c = lookup.defineClass(bytes);
    return lookup.findConstructor(c, ctor).invokeWithArguments(args);
  }
}
