package org.vmstate4j.console;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The {@code vmstate} bash launcher, run in a copy of the repository layout with stand-ins for
 * {@code mvn} and {@code java} that record how they were called.
 */
class LauncherTest {
  private static final Path LAUNCHER = Path.of(System.getProperty("user.dir")).getParent()
      .resolve("vmstate");
  private static final Instant BUILT = Instant.parse("2026-01-01T00:00:00Z");

  @TempDir
  Path root;
  private Path bin;
  private Path log;
  private Path jar;
  private Path jsa;
  private Path source;

  @BeforeEach
  void layOutRepository() throws IOException {
    Files.copy(LAUNCHER, root.resolve("vmstate"));
    bin = Files.createDirectories(root.resolve("fake-bin"));
    log = root.resolve("calls.log");
    jar = root.resolve("console/target/vmstate4j-console.jar");
    jsa = null;
    source = root.resolve("engine/src/main/java/Engine.java");
    Files.createDirectories(source.getParent());
    Files.writeString(source, "class Engine {}");
    Files.writeString(root.resolve("pom.xml"), "<project/>");
    // The stand-in build "produces" the jar, as mvn package would.
    script("mvn", "echo \"mvn $*\" >> '" + log + "'\n"
        + "mkdir -p '" + jar.getParent() + "' && touch '" + jar + "'\n");
    // The stand-in JVM writes the class list and the archive it is asked for, as training
    // runs and a dump would.
    script("java", "echo \"java $*\" >> '" + log + "'\n"
        + "dump=; for a in \"$@\"; do case $a in -Xshare:dump) dump=1;; esac; done\n"
        + "for a in \"$@\"; do case $a in -XX:DumpLoadedClassList=*) touch \"${a#*=}\";;\n"
        + "  -XX:SharedArchiveFile=*) if [ -n \"$dump\" ]; then touch \"${a#*=}\"; fi;;\n"
        + "esac; done\n");
    // one archive per JDK, named after the real path of its java binary
    jsa = jar.resolveSibling("vmstate4j-console"
        + bin.resolve("java").toRealPath().toString().replace('/', '_') + ".jsa");
  }

  private void script(String name, String body) throws IOException {
    Path file = bin.resolve(name);
    Files.writeString(file, "#!/bin/sh\n" + body);
    Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rwxr-xr-x"));
  }

  private static void setTimes(Instant time, Path... paths) throws IOException {
    for (Path p : paths) {
      Files.setLastModifiedTime(p, FileTime.from(time));
    }
  }

  /** A jar built after every file and directory now in the tree was last changed. */
  private void existingJar() throws IOException {
    Files.createDirectories(jar.getParent());
    Files.createFile(jar);
    try (var paths = Files.walk(root)) {
      for (Path p : (Iterable<Path>) paths::iterator) {
        setTimes(BUILT.minusSeconds(60), p);
      }
    }
    setTimes(BUILT, jar);
  }

  private List<String> launch(String... args) throws Exception {
    return launch(Map.of(), args);
  }

  private List<String> launch(Map<String, String> extraEnv, String... args) throws Exception {
    ProcessBuilder pb = new ProcessBuilder();
    pb.command().add("bash");
    pb.command().add(root.resolve("vmstate").toString());
    pb.command().addAll(List.of(args));
    Map<String, String> env = pb.environment();
    env.remove("JAVA_HOME");
    env.remove("VMSTATE_JAVA_OPTS");
    env.put("PATH", bin + ":" + env.getOrDefault("PATH", "/usr/bin:/bin"));
    env.putAll(extraEnv);
    pb.redirectErrorStream(true);
    Process process = pb.start();
    String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(process.waitFor(30, TimeUnit.SECONDS)).isTrue();
    assertThat(process.exitValue()).as(output).isZero();
    return Files.exists(log) ? Files.readAllLines(log) : List.of();
  }

  private static long count(List<String> calls, String prefix) {
    return calls.stream().filter(c -> c.startsWith(prefix)).count();
  }

  @Test
  void launcherIsCommittedExecutable() {
    assertThat(Files.isExecutable(LAUNCHER)).isTrue();
  }

  @Test
  void buildsAndTrainsOnFirstUseThenRunsTheJarWithTheArguments() throws Exception {
    List<String> calls = launch("run", "demo.jsh", "a b");

    assertThat(calls.get(0)).startsWith("mvn ").contains("-DskipTests").contains("-pl console")
        .contains("-am").contains("package");
    // training: the console on training.jsh and the subcommands, through the jar's command line
    List<String> training = calls.stream()
        .filter(c -> c.startsWith("java -Xshare:off -XX:DumpLoadedClassList=")).toList();
    assertThat(training).anySatisfy(c -> assertThat(c)
        .endsWith("-jar " + jar + " run " + root.resolve("console/src/main/cds/training.jsh")));
    assertThat(training).anySatisfy(c -> assertThat(c)
        .endsWith("-jar " + jar + " analyze " + root.resolve("samples/qemu-samples/pc-min.mig")));
    // then static archives dumped from their class lists, for this JDK
    assertThat(dumps(calls)).anySatisfy(c -> assertThat(c)
        .contains(" -XX:SharedArchiveFile=" + jsa + " ").endsWith(" -cp " + jar));
    assertThat(calls.get(calls.size() - 1)).startsWith("java -XX:SharedArchiveFile=" + jsa + " ")
        .endsWith("-jar " + jar + " run demo.jsh a b");
  }

  private static List<String> dumps(List<String> calls) {
    return calls.stream().filter(c -> c.startsWith("java -Xshare:dump ")).toList();
  }

  @Test
  void streamSubcommandsMapTheirOwnSmallerArchive() throws Exception {
    existingJar();
    Path streamJsa = jsa.resolveSibling(jsa.getFileName().toString()
        .replaceAll("\\.jsa$", ".stream.jsa"));

    List<String> calls = launch("analyze", "a.mig");

    assertThat(dumps(calls)).anySatisfy(c -> assertThat(c)
        .contains(" -XX:SharedArchiveFile=" + streamJsa + " "));
    assertThat(calls.get(calls.size() - 1))
        .startsWith("java -XX:SharedArchiveFile=" + streamJsa + " ")
        .endsWith("-jar " + jar + " analyze a.mig");
    // the console and its scripts keep the whole archive
    List<String> run = launch("run", "demo.jsh");
    assertThat(run.get(run.size() - 1)).startsWith("java -XX:SharedArchiveFile=" + jsa + " ");
  }

  @Test
  void upToDateJarAndArchiveAreUsedWithoutBuilding() throws Exception {
    existingJar();
    Files.createFile(jsa);

    List<String> calls = launch("--help");

    assertThat(calls).hasSize(1);
    assertThat(calls.get(0)).startsWith("java -XX:SharedArchiveFile=" + jsa + " ")
        .endsWith(" -jar " + jar + " --help");
  }

  @Test
  void eachJdkGetsAnArchiveOfItsOwn() throws Exception {
    existingJar();
    Files.createFile(jsa);
    Path otherJdk = Files.createDirectories(root.resolve("jdk-25/bin"));
    Path otherJava = otherJdk.resolve("java");
    Files.copy(bin.resolve("java"), otherJava);
    Path otherJsa = jar.resolveSibling("vmstate4j-console"
        + otherJava.toRealPath().toString().replace('/', '_') + ".jsa");

    List<String> calls = launch(Map.of("JAVA_HOME", root.resolve("jdk-25").toString()), "--help");

    // an archive written by another JDK would not map: this JDK trains its own
    assertThat(dumps(calls)).anySatisfy(c -> assertThat(c)
        .contains(" -XX:SharedArchiveFile=" + otherJsa + " "));
    assertThat(calls.get(calls.size() - 1))
        .startsWith("java -XX:SharedArchiveFile=" + otherJsa + " ");
  }

  @Test
  void extraJvmOptionsComeFromTheEnvironment() throws Exception {
    existingJar();
    Files.createFile(jsa);

    List<String> calls = launch(Map.of("VMSTATE_JAVA_OPTS", "-Xmx1g -Dx=y"), "--help");

    assertThat(calls).singleElement().asString().contains(" -Xmx1g -Dx=y -jar ");
  }

  @Test
  void failedTrainingIsNotRetriedUntilTheNextBuild() throws Exception {
    existingJar();
    script("java", "echo \"java $*\" >> '" + log + "'\n"); // never writes an archive

    List<String> first = launch();
    List<String> second = launch();

    assertThat(count(first, "java -Xshare:off -XX:DumpLoadedClassList")).isPositive();
    assertThat(first.get(first.size() - 1)).isEqualTo("java -jar " + jar);
    assertThat(second.subList(first.size(), second.size()))
        .containsExactly("java -jar " + jar);
  }

  @Test
  void newerSourceTriggersARebuild() throws Exception {
    existingJar();
    Files.createFile(jsa);
    setTimes(BUILT.plusSeconds(60), source);

    assertThat(count(launch(), "mvn ")).isEqualTo(1);
  }

  @Test
  void newerPomTriggersARebuild() throws Exception {
    existingJar();
    Files.createFile(jsa);
    setTimes(BUILT.plusSeconds(60), root.resolve("pom.xml"));

    assertThat(count(launch(), "mvn ")).isEqualTo(1);
  }

  @Test
  void deletedSourceTriggersARebuild() throws Exception {
    existingJar();
    Files.createFile(jsa);
    Files.delete(source); // touches the directory

    assertThat(count(launch(), "mvn ")).isEqualTo(1);
  }

  @Test
  void changesUnderTargetAndTestSourcesDoNotTriggerARebuild() throws Exception {
    existingJar();
    Files.createFile(jsa);
    Files.writeString(jar.resolveSibling("classes.txt"), "");
    Path test = root.resolve("engine/src/test/java/EngineTest.java");
    Files.createDirectories(test.getParent());
    Files.writeString(test, "class EngineTest {}");
    Path generated = root.resolve("engine/target/classes/Engine.class");
    Files.createDirectories(generated.getParent());
    Files.writeString(generated, "");

    assertThat(count(launch(), "mvn ")).isZero();
  }
}
