package org.vmstate4j.examples.safety;

import static org.vmstate4j.dsl.VmsdDsl.field;
import static org.vmstate4j.dsl.VmsdDsl.vmsd;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.function.Supplier;
import org.vmstate4j.dsl.qemu.QemuDevices;
import org.vmstate4j.engine.model.VmStateDescription;
import org.vmstate4j.engine.state.VmState;
import org.vmstate4j.engine.stream.MigrationStreams;
import org.vmstate4j.engine.stream.ReadOptions;
import org.vmstate4j.engine.stream.Registry;
import org.vmstate4j.examples.NvmeLite;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Every vector and sample stream the safety tests mutate and the fuzzers start from: QEMU's
 * test-vmstate.c vectors and the reference's AUTO_ALLOC vectors (re-declared here with the DSL),
 * nvme-lite, the hostile devices, each declared FULL section of QEMU's pc-min.mig loaded into the
 * QEMU catalog, and whole streams: nvme-lite, the whole QEMU catalog, pc-min.mig and none.mig.
 */
final class Corpus {
  private Corpus() {}

  /** A state loaded alone with one description. */
  record Single(String name, VmStateDescription vmsd, Supplier<Object> fresh, byte[] wire) {
    @Override
    public String toString() {
      return name;
    }
  }

  /** A whole migration stream loaded into a registry. */
  record Whole(String name, Supplier<Registry> registry, ReadOptions options, byte[] stream) {
    @Override
    public String toString() {
      return name;
    }
  }

  // ------------------------------------------------------------ test-vmstate.c vectors

  static final class Simple {
    boolean b1;
    boolean b2;
    int u81;
    int u161;
    long u321;
    long u641;
    byte i81;
    byte i82;
    short i161;
    short i162;
    int i321;
    int i322;
    long i641;
    long i642;

    static final VmStateDescription VMSD = vmsd("simple/primitive", Simple.class)
        .version(1)
        .fields(field("b1").bool(), field("b2").bool(), field("u81").uint8(),
            field("u161").uint16(), field("u321").uint32(), field("u641").uint64(),
            field("i81").int8(), field("i82").int8(), field("i161").int16(),
            field("i162").int16(), field("i321").int32(), field("i322").int32(),
            field("i641").int64(), field("i642").int64())
        .build();
  }

  static final class SimpleArray {
    int[] u16 = new int[3];

    static final VmStateDescription VMSD = vmsd("simple/array", SimpleArray.class)
        .version(1).fields(field("u16").array(3).uint16()).build();
  }

  static final class Versioned {
    int a;
    int b = 200;
    int c;
    long d;
    int e = 500;
    long f = 600;

    static final VmStateDescription VMSD = vmsd("test/versioned", Versioned.class)
        .version(2).minimumVersion(1)
        .fields(field("a").uint32(), field("b").uint32().since(2), field("c").uint32(),
            field("d").uint64(), field("e").uint32().since(2), field("f").uint64().since(2))
        .build();
  }

  static final class QElem {
    boolean b;
    int u8;

    static final VmStateDescription VMSD = vmsd("test/queue-element", QElem.class)
        .version(1).factory(QElem::new).fields(field("b").bool(), field("u8").uint8()).build();
  }

  static final class TestQueue {
    short i16;
    List<QElem> q = new ArrayList<>();
    int i32;

    static final VmStateDescription VMSD = vmsd("test/queue", TestQueue.class)
        .version(1)
        .fields(field("i16").int16(), field("q").qtailq(QElem.VMSD).since(1),
            field("i32").int32())
        .build();
  }

  static final class ArpsWithNulls {
    int arItemsNum = 4;
    Hostile.Triv[] ar = new Hostile.Triv[4];

    static final VmStateDescription VMSD = vmsd("test/arps_with_nulls", ArpsWithNulls.class)
        .version(1)
        .fields(field("ar").varrayUint32("ar_items_num").ofPointers()
            .autoAlloc(Hostile.Triv.VMSD))
        .build();
  }

  private static Hostile.Arps arps(boolean withNull) {
    Hostile.Arps a = new Hostile.Arps();
    for (int i = 0; i < 4; i++) {
      a.ar[i] = withNull && i == 1 ? null : new Hostile.Triv();
    }
    return a;
  }

  private static List<Single> singles;
  private static List<Whole> wholes;

  /** Single-description vectors. */
  static synchronized List<Single> singles() {
    if (singles == null) {
      singles = Collections.unmodifiableList(buildSingles());
    }
    return singles;
  }

  private static List<Single> buildSingles() {
    List<Single> l = new ArrayList<>();
    l.add(new Single("simple/primitive", Simple.VMSD, Simple::new, Outcome.bytes(
        "01 00 82 0200 00011170 0000000000b8f47c 41 bf 0200 fe00 00011170 fffeee90"
            + " 0000000000b8f47c ffffffffff470b84")));
    l.add(new Single("simple/array", SimpleArray.VMSD, SimpleArray::new,
        Outcome.bytes("0042 0043 0044")));
    l.add(new Single("test/versioned v2", Versioned.VMSD, Versioned::new, Outcome.bytes(
        "0000000a 00000014 0000001e 0000000000000028 00000032 000000000000003c")));
    l.add(new Single("test/arps no0", Hostile.Arps.VMSD, () -> arps(false),
        Outcome.bytes("00000000 00000001 00000002 00000003")));
    l.add(new Single("test/arps 0", Hostile.Arps.VMSD, () -> arps(true),
        Outcome.bytes("00000000 30 00000002 00000003")));
    l.add(new Single("test/queue", TestQueue.VMSD, TestQueue::new,
        Outcome.bytes("fe00 01 01 82 01 00 41 00 00011170")));
    l.add(new Single("test/arps_with_nulls", ArpsWithNulls.VMSD, ArpsWithNulls::new,
        Outcome.bytes("31 00000000 30 31 00000002 31 00000003")));
    l.add(new Single("test/autoalloc 4", Hostile.AutoAlloc.VMSD, Hostile.AutoAlloc::new,
        Outcome.bytes("04 31 00000000 30 31 00000002 31 00000003")));
    l.add(new Single("test/autoalloc 2", Hostile.AutoAlloc.VMSD, Hostile.AutoAlloc::new,
        Outcome.bytes("02 30 30")));
    l.add(new Single("test/autoalloc 1", Hostile.AutoAlloc.VMSD, Hostile.AutoAlloc::new,
        Outcome.bytes("01 31 7fffffff")));
    l.add(new Single("nvme-lite", NvmeLite.CHECKED, () -> new NvmeLite(4),
        VmState.save(NvmeLite.CHECKED, NvmeLite.example())));
    NvmeLite db = NvmeLite.example();
    db.dbbufEnabled = true;
    db.dbbufDbs = 0x1000;
    db.dbbufEis = 0x2000;
    l.add(new Single("nvme-lite dbbuf", NvmeLite.VMSD, () -> new NvmeLite(4),
        VmState.save(NvmeLite.VMSD, db)));
    l.add(hostile("hpet", Hostile.Hpet.VALIDATED, Hostile.Hpet::new));
    l.add(hostile("cpu/cpreg", Hostile.Cpregs.VMSD, Hostile.Cpregs::new));
    l.add(hostile("alloc", Hostile.Alloc.VMSD, () -> {
      Hostile.Alloc a = new Hostile.Alloc();
      a.n = 3;
      a.a = new int[] {1, 2, 3};
      return a;
    }, Hostile.Alloc::new));
    l.add(hostile("vbuf", Hostile.VBuf.VMSD, Hostile.VBuf::new));
    l.add(hostile("virtio-config", Hostile.Config.VMSD, Hostile.Config::new));
    l.add(hostile("bits", Hostile.Bits.VMSD, Hostile.Bits::new));
    l.add(hostile("queue", Hostile.Queue.VMSD, () -> {
      Hostile.Queue q = new Hostile.Queue();
      Hostile.Elem e = new Hostile.Elem();
      e.v = 9;
      q.q.add(e);
      q.tail = 0x01020304;
      return q;
    }, Hostile.Queue::new));
    l.add(hostile("withsub", Hostile.WithSub.VMSD, () -> {
      Hostile.WithSub w = new Hostile.WithSub();
      w.a = 1;
      w.hasExtra = true;
      w.extra = 2;
      return w;
    }, Hostile.WithSub::new));
    // the declared FULL sections of QEMU's pc-min.mig, each into a fresh catalog object
    byte[] mig = resource("qemu-samples/pc-min.mig");
    for (JsonNode s : sections()) {
      QemuDevices.Device<?> d = QemuDevices.get(s.get("idstr").asString());
      int from = s.get("data_offset").asInt();
      int to = s.get("data_end").asInt();
      byte[] data = java.util.Arrays.copyOfRange(mig, from, to);
      l.add(new Single("pc-min " + d.idstr() + " " + s.get("instance_id").asInt(), d.vmsd(),
          d::newState, data));
    }
    return l;
  }

  private static <T> Single hostile(String name, VmStateDescription d, Supplier<T> src) {
    return hostile(name, d, src, src);
  }

  private static <T> Single hostile(String name, VmStateDescription d, Supplier<T> src,
      Supplier<T> fresh) {
    return new Single(name, d, fresh::get, VmState.save(d, src.get()));
  }

  static List<JsonNode> sections() {
    List<JsonNode> l = new ArrayList<>();
    JsonNode all = JsonMapper.builder().build().readTree(
        new String(resource("qemu-samples/pc-min.sections.json"),
            java.nio.charset.StandardCharsets.UTF_8));
    for (JsonNode s : all.values()) {
      if (s.path("kind").asString().equals("FULL")
          && QemuDevices.find(s.get("idstr").asString()) != null) {
        l.add(s);
      }
    }
    return l;
  }

  // ------------------------------------------------------------ whole streams

  /** nvme-lite alone, as the only device of a machine. */
  static Registry nvmeRegistry() {
    Registry r = new Registry();
    r.register("nvme-lite", 0, NvmeLite.CHECKED, new NvmeLite(4));
    return r;
  }

  /** Every description of the QEMU catalog, one fresh instance each. */
  static Registry catalogRegistry() {
    Registry r = new Registry("pc-i440fx-7.2");
    for (QemuDevices.Device<?> d : QemuDevices.all().values()) {
      r.register(d.idstr(), 0, d.vmsd(), d.newState());
    }
    return r;
  }

  /** The devices pc-min.mig has sections for, with QEMU's section ids. */
  static Registry pcMinRegistry() {
    Registry r = new Registry("pc-i440fx-7.2");
    for (JsonNode s : sections()) {
      QemuDevices.Device<?> d = QemuDevices.get(s.get("idstr").asString());
      r.registerWithSectionId(s.get("section_id").asInt(), d.idstr(),
          s.get("instance_id").asInt(), d.vmsd(), d.newState());
    }
    return r;
  }

  /** Whole streams. */
  static synchronized List<Whole> wholes() {
    if (wholes == null) {
      List<Whole> l = new ArrayList<>();
      Registry nvme = new Registry();
      nvme.register("nvme-lite", 0, NvmeLite.CHECKED, NvmeLite.example());
      l.add(new Whole("nvme-lite stream", Corpus::nvmeRegistry, ReadOptions.DEFAULT,
          MigrationStreams.toBytes(nvme)));
      l.add(new Whole("QEMU catalog stream", Corpus::catalogRegistry, ReadOptions.DEFAULT,
          MigrationStreams.toBytes(catalogRegistry())));
      l.add(new Whole("pc-min.mig", Corpus::pcMinRegistry,
          ReadOptions.DEFAULT.withSkipUnknown(true), resource("qemu-samples/pc-min.mig")));
      l.add(new Whole("none.mig", () -> new Registry("none"),
          ReadOptions.DEFAULT.withSkipUnknown(true), resource("qemu-samples/none.mig")));
      wholes = Collections.unmodifiableList(l);
    }
    return wholes;
  }

  static byte[] resource(String name) {
    try (InputStream in = Corpus.class.getResourceAsStream("/" + name)) {
      if (in == null) {
        throw new IllegalStateException("missing test resource " + name);
      }
      return in.readAllBytes();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
