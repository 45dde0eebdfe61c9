package org.vmstate4j.engine.inspect;

import java.util.ArrayDeque;
import java.util.Deque;
import org.jspecify.annotations.Nullable;
import org.vmstate4j.engine.VmStateLoadException;
import org.vmstate4j.engine.codec.Codec;
import org.vmstate4j.engine.inspect.ExplainItem.Kind;
import org.vmstate4j.engine.model.VmStateDescription;
import org.vmstate4j.engine.model.VmStateField;
import org.vmstate4j.engine.state.LoadObserver;
import org.vmstate4j.engine.state.LoadOptions;
import org.vmstate4j.engine.state.VmState;
import org.vmstate4j.engine.stream.Registry;

/**
 * The destination's view: section bodies loaded, as a dry run, into the registry's objects with
 * their own descriptions, every item the loader reads recorded through a {@link LoadObserver}.
 */
final class DestinationBodies implements StreamWalk.Bodies {
  private static final LoadOptions DRY_RUN = LoadOptions.DEFAULT.withDryRun(true);

  private final Registry registry;

  DestinationBodies(Registry registry) {
    this.registry = registry;
  }

  @Override
  public boolean section(StreamWalk w, String idstr, int instance, int version, String root) {
    Registry.Entry e = registry.find(idstr, instance);
    if (e == null) {
      return false;
    }
    VmStateDescription d = e.description();
    if (version > d.versionId()) {
      throw new VmStateLoadException(String.format("unsupported version %d for '%s' v%d",
          version, idstr, d.versionId()), w.in.position(), "version <= " + d.versionId(),
          Integer.toString(version));
    }
    VmState.load(d, e.object(), w.in, version, DRY_RUN, new Recorder(w, root));
    return true;
  }

  /** Turns the loader's calls into items with paths. */
  private static final class Recorder implements LoadObserver {
    private final StreamWalk w;
    private final String root;
    private final Deque<Frame> stack = new ArrayDeque<>();
    private @Nullable String pendingSubsection;

    private static final class Frame {
      final String path;
      final @Nullable VmStateDescription desc;
      final @Nullable VmStateField field;
      final long start;
      String fieldPath = "";
      long covered;
      boolean nested;
      int nestedCount;

      Frame(String path, @Nullable VmStateDescription desc, @Nullable VmStateField field,
          long start) {
        this.path = path;
        this.desc = desc;
        this.field = field;
        this.start = start;
        this.covered = start;
      }
    }

    Recorder(StreamWalk w, String root) {
      this.w = w;
      this.root = root;
    }

    @Override
    public void beginDescription(VmStateDescription d, int version, long offset) {
      String p;
      Frame top = stack.peek();
      if (pendingSubsection != null) {
        p = pendingSubsection;
        pendingSubsection = null;
      } else if (top == null) {
        p = root;
      } else if (top.field != null) {
        top.nested = true;
        framing(top, offset);
        p = isQueue(top.field) ? top.path + "[" + top.nestedCount + "]" : top.path;
        top.nestedCount++;
      } else {
        p = top.path;
      }
      stack.push(new Frame(p, d, null, offset));
    }

    @Override
    public void endDescription(VmStateDescription d, long offset) {
      stack.pop();
      Frame top = stack.peek();
      if (top != null && top.field != null) {
        top.covered = offset;
      }
    }

    @Override
    public void subsection(VmStateDescription sub, int version, long headerOffset,
        long dataOffset) {
      Frame parent = stack.peek();
      String parentPath = parent == null ? root : parent.path;
      String parentName = parent == null || parent.desc == null ? "" : parent.desc.name();
      String seg = sub.name().startsWith(parentName + "/")
          ? sub.name().substring(parentName.length() + 1) : sub.name();
      String p = parentPath + "/" + seg;
      w.add(headerOffset, dataOffset - headerOffset, Kind.SUBSECTION, p, "subsection",
          "'" + sub.name() + "' version " + version);
      pendingSubsection = p;
    }

    @Override
    public void fieldAbsent(VmStateField f, int version, long offset) {
      Frame top = stack.peek();
      String p = (top == null ? root : top.path) + "/" + f.name();
      String why = f.exists() != null ? "its exists test is false at version " + version
          : "field version " + f.versionId() + " > stream version " + version;
      w.add(offset, 0, Kind.ABSENT, p, f.typeName(), "not in the stream: " + why);
    }

    @Override
    public void beginField(VmStateField f, int elements, long offset) {
      Frame top = stack.peek();
      if (top != null) {
        top.fieldPath = top.path + "/" + f.name();
      }
    }

    private String elementPath(VmStateField f, int index) {
      Frame top = stack.peek();
      String fp = top == null ? root + "/" + f.name() : top.fieldPath;
      return f.isArray() ? fp + "[" + index + "]" : fp;
    }

    @Override
    public void marker(VmStateField f, int index, long offset, int marker) {
      w.add(offset, 1, Kind.MARKER, elementPath(f, index), "ptr-marker", Values.marker(marker));
    }

    @Override
    public void beginElement(VmStateField f, int index, long offset) {
      stack.push(new Frame(elementPath(f, index), null, f, offset));
    }

    @Override
    public void endElement(VmStateField f, int index, long offset) {
      Frame e = stack.pop();
      if (e.nested) {
        framing(e, offset);
        return;
      }
      String codec = f.typeName();
      w.add(e.start, offset - e.start, Kind.FIELD, e.path, codec,
          Values.decode(codec, w.data, e.start, offset - e.start));
    }

    private void framing(Frame e, long offset) {
      if (e.covered < offset) {
        String value = offset - e.covered == 1
            ? (w.data.byteAt(e.covered) == 0 ? "end of list" : "element follows") : "";
        w.add(e.covered, offset - e.covered, Kind.FRAMING, e.path,
            e.field == null ? "framing" : e.field.typeName(), value);
        e.covered = offset;
      }
    }

    private static boolean isQueue(VmStateField f) {
      Codec c = f.codec();
      return c != null && (c.name().equals("qtailq") || c.name().equals("qlist"));
    }
  }
}
