package org.vmstate4j.engine.internal.codegen;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;

/**
 * Where the classes generated for members of one class go: hidden nestmates of that class, which
 * the collector drops with the description that uses them. Only when the caller may define them
 * (same module, or the class is open to the caller's module with full privilege): an ordinary
 * class would stay loaded as long as its class loader, so a console session (JShell's classes
 * live in another loader's module) that rebuilds a description would keep every copy; callers
 * keep their method-handle paths there.
 *
 * <p>{@code -Dvmstate4j.generate=false} turns generation off ({@link #ENABLED}); callers then
 * keep their method-handle paths.
 */
public final class ClassHost {
  /** Whether classes are generated at all. */
  public static final boolean ENABLED =
      !"false".equals(System.getProperty("vmstate4j.generate", "true"));

  private final MethodHandles.Lookup lookup;

  /**
   * The host of classes for members of {@code c}, defined with the rights of {@code caller}
   * (the module whose users open their classes to it).
   *
   * @throws IllegalAccessException when {@code c}'s package is not open to the caller, or not
   *     with the full privilege that defining a hidden nestmate needs
   */
  public ClassHost(Class<?> c, MethodHandles.Lookup caller) throws IllegalAccessException {
    lookup = MethodHandles.privateLookupIn(c, caller);
    if (!lookup.hasFullPrivilegeAccess()) {
      throw new IllegalAccessException(c.getName() + " is not open to "
          + caller.lookupClass().getModule() + " with full privilege");
    }
  }

  /** Defines the class {@code bytes} and returns a new instance made with {@code args}. */
  public Object create(byte[] bytes, MethodType ctor, Object... args) throws Throwable {
    MethodHandles.Lookup h = lookup.defineHiddenClass(bytes, true,
        MethodHandles.Lookup.ClassOption.NESTMATE);
    return h.findConstructor(h.lookupClass(), ctor).invokeWithArguments(args);
  }
}
