package org.vmstate4j.engine.model;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;

/**
 * QEMU's VMStateDescription: a named, versioned list of fields plus subsections and hooks.
 * Immutable; {@link #builder(String)} checks QEMU's rules when it builds.
 *
 * <pre>{@code
 * VmStateDescription d = VmStateDescription.builder("timer")
 *     .versionId(2).minimumVersionId(1)
 *     .field(...)
 *     .build();
 * }</pre>
 */
public final class VmStateDescription {
  private final String name;
  private final int versionId;
  private final int minimumVersionId;
  private final MigrationPriority priority;
  private final boolean unmigratable;
  private final boolean earlySetup;
  private final Class<?> type;
  private final @Nullable Supplier<?> factory;
  private final List<VmStateField> fields;
  private final List<VmStateDescription> subsections;
  private final @Nullable Hook preLoad;
  private final @Nullable PostLoadHook postLoad;
  private final @Nullable Hook preSave;
  private final @Nullable Hook postSave;
  private final @Nullable Needed needed;
  private final @Nullable DirectCodec directCodec;
  /**
   * The engine's compiled form of this description, opaque here: set once on first use by
   * {@code org.vmstate4j.engine.state} (through a VarHandle, with release/acquire ordering), so
   * that a description and its compiled form are collected together.
   */
  @SuppressWarnings("unused")
  private @Nullable Object compiled;

  private VmStateDescription(Builder b) {
    this.name = b.name;
    this.versionId = b.versionId;
    this.minimumVersionId = b.minimumVersionId;
    this.priority = b.priority;
    this.unmigratable = b.unmigratable;
    this.earlySetup = b.earlySetup;
    this.type = b.type;
    this.factory = b.factory;
    this.fields = List.copyOf(b.fields);
    this.subsections = List.copyOf(b.subsections);
    this.preLoad = b.preLoad;
    this.postLoad = b.postLoad;
    this.preSave = b.preSave;
    this.postSave = b.postSave;
    this.needed = b.needed;
    this.directCodec = b.directCodec;
  }

  /** Starts a description named {@code name} (version 0, minimum version 0). */
  public static Builder builder(String name) {
    return new Builder(name);
  }

  public String name() {
    return name;
  }

  /** Version written on save; highest version accepted on load. */
  public int versionId() {
    return versionId;
  }

  /** Lowest version accepted on load. */
  public int minimumVersionId() {
    return minimumVersionId;
  }

  public MigrationPriority priority() {
    return priority;
  }

  /** A device with this description blocks migration. */
  public boolean unmigratable() {
    return unmigratable;
  }

  /** Saved during setup, before iterative sections. */
  public boolean earlySetup() {
    return earlySetup;
  }

  /**
   * The Java class of the objects this description reads and writes; {@code Object} when the
   * description was built without one (then nothing can be checked against it).
   */
  public Class<?> type() {
    return type;
  }

  /** How to create a {@link #type()} object (a struct element the loader allocates), or null. */
  public @Nullable Supplier<?> factory() {
    return factory;
  }

  public List<VmStateField> fields() {
    return fields;
  }

  public List<VmStateDescription> subsections() {
    return subsections;
  }

  public @Nullable Hook preLoad() {
    return preLoad;
  }

  public @Nullable PostLoadHook postLoad() {
    return postLoad;
  }

  public @Nullable Hook preSave() {
    return preSave;
  }

  public @Nullable Hook postSave() {
    return postSave;
  }

  /** Whether the description is sent; null means always. */
  public @Nullable Needed needed() {
    return needed;
  }

  /** The compiled codec of a flat description, if one was attached. */
  public @Nullable DirectCodec directCodec() {
    return directCodec;
  }

  /** The field named {@code name}, or null. */
  public @Nullable VmStateField field(String name) {
    for (VmStateField f : fields) {
      if (f.name().equals(name)) {
        return f;
      }
    }
    return null;
  }

  /** The subsection named {@code name}, or null. */
  public @Nullable VmStateDescription subsection(String name) {
    for (VmStateDescription s : subsections) {
      if (s.name().equals(name)) {
        return s;
      }
    }
    return null;
  }

  @Override
  public String toString() {
    return name + " v" + versionId + " (min " + minimumVersionId + ", " + fields.size()
        + " fields, " + subsections.size() + " subsections)";
  }

  /** Builds a {@link VmStateDescription}; {@link #build()} runs the description checks. */
  public static final class Builder {
    private final String name;
    private int versionId;
    private int minimumVersionId;
    private MigrationPriority priority = MigrationPriority.DEFAULT;
    private boolean unmigratable;
    private boolean earlySetup;
    private Class<?> type = Object.class;
    private @Nullable Supplier<?> factory;
    private final List<VmStateField> fields = new ArrayList<>();
    private final List<VmStateDescription> subsections = new ArrayList<>();
    private @Nullable Hook preLoad;
    private @Nullable PostLoadHook postLoad;
    private @Nullable Hook preSave;
    private @Nullable Hook postSave;
    private @Nullable Needed needed;
    private @Nullable DirectCodec directCodec;

    private Builder(String name) {
      this.name = Objects.requireNonNull(name, "name");
    }

    public Builder versionId(int versionId) {
      this.versionId = versionId;
      return this;
    }

    public Builder minimumVersionId(int minimumVersionId) {
      this.minimumVersionId = minimumVersionId;
      return this;
    }

    public Builder priority(MigrationPriority priority) {
      this.priority = Objects.requireNonNull(priority);
      return this;
    }

    public Builder unmigratable(boolean unmigratable) {
      this.unmigratable = unmigratable;
      return this;
    }

    public Builder earlySetup(boolean earlySetup) {
      this.earlySetup = earlySetup;
      return this;
    }

    /** The Java class of the described objects (default {@code Object}: not checked). */
    public Builder type(Class<?> type) {
      this.type = Objects.requireNonNull(type, "type");
      return this;
    }

    /** Creates a {@link #type(Class)} object when the loader needs one. */
    public Builder factory(@Nullable Supplier<?> factory) {
      this.factory = factory;
      return this;
    }

    public Builder field(VmStateField field) {
      fields.add(Objects.requireNonNull(field));
      return this;
    }

    public Builder fields(List<VmStateField> fields) {
      fields.forEach(this::field);
      return this;
    }

    public Builder subsection(VmStateDescription subsection) {
      subsections.add(Objects.requireNonNull(subsection));
      return this;
    }

    public Builder subsections(List<VmStateDescription> subsections) {
      subsections.forEach(this::subsection);
      return this;
    }

    public Builder preLoad(@Nullable Hook hook) {
      this.preLoad = hook;
      return this;
    }

    /**
     * QEMU's post_load. Runs once the whole input is known good, in QEMU's order, never in a dry
     * run; throwing rejects the load and restores every described member (see
     * {@link PostLoadHook} for what is not undone).
     */
    public Builder postLoad(@Nullable PostLoadHook hook) {
      this.postLoad = hook;
      return this;
    }

    public Builder preSave(@Nullable Hook hook) {
      this.preSave = hook;
      return this;
    }

    public Builder postSave(@Nullable Hook hook) {
      this.postSave = hook;
      return this;
    }

    public Builder needed(@Nullable Needed needed) {
      this.needed = needed;
      return this;
    }

    /**
     * A compiled codec for the whole description; used only where it is equivalent to the
     * field walk (see {@link DirectCodec}), ignored for descriptions that are not flat.
     */
    public Builder directCodec(@Nullable DirectCodec codec) {
      this.directCodec = codec;
      return this;
    }

    /** Checks QEMU's rules and this engine's storage rules, then builds. */
    public VmStateDescription build() {
      VmStateDescription d = new VmStateDescription(this);
      DescriptionCheck.check(d);
      return d;
    }
  }
}
