package org.vmstate4j.console;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.charset.Charset;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;
import org.vmstate4j.engine.analyze.StreamAnalyzer;
import org.vmstate4j.engine.edit.StreamEdit;
import org.vmstate4j.engine.inspect.Compat;
import org.vmstate4j.engine.inspect.Explain;
import org.vmstate4j.engine.model.VmStateDescription;
import org.vmstate4j.engine.stream.LoadResult;
import org.vmstate4j.engine.stream.SaveResult;

/**
 * Helpers for snippets and scripts, imported statically into every session.
 *
 * <p>Snippets run in the console's own JVM, so these static methods see the console's state:
 * the script's arguments and its output.
 */
public final class Consoles {
  private static volatile List<String> args = List.of();
  private static volatile @Nullable Path script;
  private static final Machine MACHINE = new Machine();
  private static volatile @Nullable Function<String, ProgressBar> progressBars;

  private Consoles() {}

  /** The arguments after the script's name in {@code vmstate run FILE.jsh ARGS}; empty at the prompt. */
  public static List<String> args() {
    return args;
  }

  /** Argument {@code i} of {@link #args()}, or {@code fallback} when there are fewer. */
  public static String arg(int i, String fallback) {
    List<String> a = args;
    return i >= 0 && i < a.size() ? a.get(i) : fallback;
  }

  /**
   * A progress bar on the console's terminal, shown once the operation has taken a second.
   * Close it when the operation ends.
   */
  public static ProgressBar progress(String label) {
    Function<String, ProgressBar> factory = progressBars;
    if (factory != null) {
      return factory.apply(label);
    }
    // Outside a console (a plain JShell, a test) there is no terminal: final line only, on stderr.
    return new ProgressBar(label, new PrintWriter(System.err, true, Charset.defaultCharset()),
        () -> 80, System::nanoTime, false);
  }

  /** The directory of the running script (to find files beside it); the working directory at the prompt. */
  public static Path here() {
    Path s = script;
    Path dir = s == null ? null : s.toAbsolutePath().getParent();
    return dir != null ? dir : Path.of("").toAbsolutePath();
  }

  /** The console's machine: the devices {@code /save}, {@code /load} and {@code /devices} use. */
  public static Machine machine() {
    return MACHINE;
  }

  /**
   * Registers {@code obj} as device {@code idstr} (instance 0) of the console's machine,
   * replacing an earlier registration of the same device.
   *
   * <pre>{@code register("nvme-lite", Ctrl.VMSD, ctrl);}</pre>
   */
  public static void register(String idstr, VmStateDescription description, Object obj) {
    MACHINE.register(idstr, 0, description, obj);
  }

  /** Registers {@code obj} under its description's name. */
  public static void register(VmStateDescription description, Object obj) {
    register(description.name(), description, obj);
  }

  /** Saves the machine's devices (all, or those named) to {@code file}, with a progress bar. */
  public static SaveResult save(String file, String... devices) {
    try (ProgressBar bar = progress("save " + file)) {
      return MACHINE.save(Path.of(file), List.of(devices), bar::update);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * Loads {@code file} into the machine's devices, with a progress bar. A device an earlier load
   * filled is loaded into a new object of its class (a stream loads into fresh devices only, as
   * in QEMU), which replaces the registered one: {@link #device(String)} returns it.
   */
  public static LoadResult load(String file) {
    Machine.Loaded loaded;
    try (ProgressBar bar = progress("load " + file)) {
      loaded = MACHINE.load(Path.of(file), false, bar::update);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    loaded.renewed().forEach(d -> System.out.println(renewedNote(d)));
    return loaded.result();
  }

  /** The object registered as {@code device} ({@code idstr}, or {@code idstr#instance}). */
  public static Object device(String device) {
    return MACHINE.device(device);
  }

  /**
   * Typed edit of a stream file: the registered objects are loaded from the sections of
   * {@code in} that they match, {@code change} runs (it changes those objects), and they are
   * saved back into a copy of the stream written to {@code out}. Every other byte passes through
   * unchanged; a section may change length, and its JSON description entry is rewritten. As
   * with a load, devices with AUTO_ALLOC arrays must be fresh objects.
   *
   * <pre>{@code edit("in.mig", "out.mig", () -> serial.scr = 0x5a);}</pre>
   */
  public static void edit(String in, String out, Runnable change) {
    try (StreamEdit edit = StreamEdit.of(Path.of(in))) {
      edit.edit(MACHINE.registry(List.of()), r -> change.run());
      edit.writeTo(Path.of(out));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static String renewedNote(Machine.Device d) {
    return d.label() + ": loaded into a new " + d.object().getClass().getSimpleName()
        + " (an earlier load filled the registered one); device(\"" + d.label()
        + "\") returns it";
  }

  /** QEMU's JSON description of a registered device, as it would be written now. */
  public static String describe(String device) {
    return MACHINE.describe(device);
  }

  /** The decoded state of any QEMU stream, as {@code analyze-migration.py --dump state} prints it. */
  public static String analyze(String file) {
    try {
      return StreamAnalyzer.open(Path.of(file)).dumpState();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * Whether streams of {@code older} load into {@code newer} and back, with the reasons.
   *
   * <pre>{@code System.out.println(compat(UartV1.VMSD, UartV2.VMSD));}</pre>
   */
  public static String compat(VmStateDescription older, VmStateDescription newer) {
    return Compat.check(older, newer).text();
  }

  /** The annotated dump of a stream file, decoded with the description it carries. */
  public static String explain(String file) {
    try {
      return Explain.fromStream(Path.of(file)).text();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static void bindScript(@Nullable Path file) {
    script = file;
  }

  static void bindArgs(List<String> scriptArgs) {
    args = List.copyOf(scriptArgs);
  }

  /** A progress bar on {@code err} that repaints its line when the JVM has a terminal. */
  static ProgressBar commandLineProgress(String label, java.io.PrintStream err) {
    return new ProgressBar(label, new PrintWriter(err, true, Charset.defaultCharset()),
        () -> 80, System::nanoTime, System.console() != null);
  }

  static void bindProgressBars(Function<String, ProgressBar> factory) {
    progressBars = Objects.requireNonNull(factory);
  }
}
