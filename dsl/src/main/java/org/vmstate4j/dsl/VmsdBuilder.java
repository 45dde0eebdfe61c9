package org.vmstate4j.dsl;

import java.lang.invoke.MethodHandles;
import java.lang.reflect.Field;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.function.Consumer;
import java.util.function.ObjIntConsumer;
import java.util.function.Predicate;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;
import org.vmstate4j.engine.internal.codegen.DirectCodecs;
import org.vmstate4j.engine.model.DirectCodec;
import org.vmstate4j.engine.model.MigrationPriority;
import org.vmstate4j.engine.model.VmStateDescription;

/**
 * Builds a description of objects of class {@code T}; {@link #build()} binds every field to a
 * Java field and reports every mistake at once, before any save or load.
 *
 * <p>A value: every method returns a new builder and leaves this one as it was, so a partly
 * configured builder can be shared as a template. The built description carries {@code T} and
 * its factory ({@link VmStateDescription#type()}, {@link VmStateDescription#factory()}).
 *
 * @param <T> the described class
 */
public final class VmsdBuilder<T> implements Cloneable {
  // Written only on a fresh copy inside edit(); never changed once a builder is returned.
  private final String name;
  private final Class<T> type;
  private int versionId = 1;
  private int minimumVersionId = -1;
  private MigrationPriority priority = MigrationPriority.DEFAULT;
  private boolean unmigratable;
  private boolean earlySetup;
  private List<FieldSpec> fields = List.of();
  private List<VmStateDescription> subsections = List.of();
  private @Nullable Consumer<T> preLoad;
  private @Nullable ObjIntConsumer<T> postLoad;
  private @Nullable Consumer<T> preSave;
  private @Nullable Consumer<T> postSave;
  private @Nullable Predicate<T> needed;
  private @Nullable Supplier<T> factory;

  VmsdBuilder(String name, Class<T> type) {
    this.name = Objects.requireNonNull(name);
    this.type = Objects.requireNonNull(type);
  }

  @SuppressWarnings("unchecked")
  private VmsdBuilder<T> edit(Consumer<VmsdBuilder<T>> change) {
    VmsdBuilder<T> copy;
    try {
      copy = (VmsdBuilder<T>) clone();
    } catch (CloneNotSupportedException e) {
      throw new AssertionError(e);
    }
    change.accept(copy);
    return copy;
  }

  private static <X> List<X> append(List<X> list, List<? extends X> more) {
    List<X> all = new ArrayList<>(list);
    all.addAll(more);
    return List.copyOf(all);
  }

  /** QEMU's version_id (default 1): written on save, highest accepted on load. */
  public VmsdBuilder<T> version(int versionId) {
    return edit(b -> b.versionId = versionId);
  }

  /** QEMU's minimum_version_id (default: the version). */
  public VmsdBuilder<T> minimumVersion(int minimumVersionId) {
    return edit(b -> b.minimumVersionId = minimumVersionId);
  }

  public VmsdBuilder<T> priority(MigrationPriority priority) {
    Objects.requireNonNull(priority);
    return edit(b -> b.priority = priority);
  }

  public VmsdBuilder<T> unmigratable() {
    return edit(b -> b.unmigratable = true);
  }

  public VmsdBuilder<T> earlySetup() {
    return edit(b -> b.earlySetup = true);
  }

  /** Appends fields, in wire order. */
  public VmsdBuilder<T> fields(FieldSpec... specs) {
    return fields(Arrays.asList(specs));
  }

  /** Appends fields, in wire order. */
  public VmsdBuilder<T> fields(List<FieldSpec> specs) {
    List<FieldSpec> all = append(fields, specs);
    return edit(b -> b.fields = all);
  }

  /** Appends subsections (names start with this description's name). */
  public VmsdBuilder<T> subsections(VmStateDescription... subs) {
    return subsections(Arrays.asList(subs));
  }

  /** Appends subsections (names start with this description's name). */
  public VmsdBuilder<T> subsections(List<VmStateDescription> subs) {
    List<VmStateDescription> all = append(subsections, subs);
    return edit(b -> b.subsections = all);
  }

  /** Runs before the fields load; throw to fail the load. */
  public VmsdBuilder<T> preLoad(Consumer<T> hook) {
    return edit(b -> b.preLoad = hook);
  }

  /**
   * QEMU's post_load: runs after fields and subsections loaded, with the incoming version, but
   * only once the whole input is known good (every byte, footer and device), in QEMU's order,
   * and never in a dry run or an explanation. Throw to fail the load: every described member is
   * restored, but what earlier hooks changed elsewhere is not, so a check that can reject
   * belongs in a {@code validate(...)} field or before the hook changes anything.
   */
  public VmsdBuilder<T> postLoad(ObjIntConsumer<T> hook) {
    return edit(b -> b.postLoad = hook);
  }

  /** Runs before the fields save; throw to fail the save. */
  public VmsdBuilder<T> preSave(Consumer<T> hook) {
    return edit(b -> b.preSave = hook);
  }

  /** Runs after a save, also a failed one. */
  public VmsdBuilder<T> postSave(Consumer<T> hook) {
    return edit(b -> b.postSave = hook);
  }

  /** Whether the subsection or device is sent. */
  public VmsdBuilder<T> needed(Predicate<T> predicate) {
    return edit(b -> b.needed = predicate);
  }

  /** How the loader creates objects of {@code T} (default: the no-arg constructor). */
  public VmsdBuilder<T> factory(Supplier<T> factory) {
    return edit(b -> b.factory = factory);
  }

  /** Binds and checks everything, then builds the engine description. */
  @SuppressWarnings("unchecked")
  public VmStateDescription build() {
    VmStateDescription.Builder b = VmStateDescription.builder(name)
        .versionId(versionId)
        .minimumVersionId(minimumVersionId < 0 ? versionId : minimumVersionId)
        .priority(priority)
        .unmigratable(unmigratable)
        .earlySetup(earlySetup)
        .type(type)
        .factory(factory != null ? factory : FieldBinder.constructor(type));
    FieldBinder binder = new FieldBinder(name, type, fields);
    Field[] javaFields = new Field[fields.size()];
    for (int i = 0; i < fields.size(); i++) {
      b.field(binder.resolve(i, javaFields));
    }
    binder.checkSubsections(subsections);
    b.subsections(subsections);
    Consumer<T> pl = preLoad;
    if (pl != null) {
      b.preLoad(o -> pl.accept((T) o));
    }
    ObjIntConsumer<T> po = postLoad;
    if (po != null) {
      b.postLoad((o, v) -> po.accept((T) o, v));
    }
    Consumer<T> ps = preSave;
    if (ps != null) {
      b.preSave(o -> ps.accept((T) o));
    }
    Consumer<T> pa = postSave;
    if (pa != null) {
      b.postSave(o -> pa.accept((T) o));
    }
    Predicate<T> nd = needed;
    if (nd != null) {
      b.needed(o -> nd.test((T) o));
    }
    VmStateDescription d = b.build();
    // the engine decides whether the description is flat enough for a generated codec
    DirectCodec codec =
        DirectCodecs.generate(d, type, Arrays.asList(javaFields), MethodHandles.lookup());
    return codec != null ? b.directCodec(codec).build() : d;
  }
}
