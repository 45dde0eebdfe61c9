// Training run for the class-data-sharing archive the vmstate launcher creates after a build:
// it loads what start-up and the first snippets need (JLine, JShell, javac), so later starts
// map those classes instead of parsing them again.
class Training { int x = 1; }
var training = new Training();
training.x += args().size();
String.valueOf(training.x).substring(0);
var terminal = new org.jline.terminal.impl.DumbTerminal(
    new java.io.ByteArrayInputStream("1 +\n2\n".getBytes()), new java.io.ByteArrayOutputStream());
var reader = org.jline.reader.LineReaderBuilder.builder().terminal(terminal).build();
reader.readLine("> ");
terminal.close();
// What the stream subcommands load (analyze, explain, diff, edit, receive, compat): a small
// stream written, then read by each, so `vmstate analyze FILE` and the others map those
// classes too.
var trainingStream = java.nio.file.Files.createTempFile("vmstate-training-", ".mig");
var trainingRegistry = new org.vmstate4j.engine.stream.Registry("pc-i440fx-7.2");
trainingRegistry.register(org.vmstate4j.dsl.qemu.IsaSerial.VMSD, new org.vmstate4j.dsl.qemu.IsaSerial());
trainingRegistry.register(org.vmstate4j.dsl.qemu.Mc146818Rtc.VMSD, new org.vmstate4j.dsl.qemu.Mc146818Rtc());
org.vmstate4j.engine.stream.MigrationStreams.save(trainingRegistry, trainingStream);
org.vmstate4j.engine.analyze.StreamAnalyzer.open(trainingStream).dumpState().length();
org.vmstate4j.engine.analyze.StreamAnalyzer.describe(trainingStream).length();
org.vmstate4j.engine.inspect.Explain.fromStream(trainingStream).lines().size();
org.vmstate4j.engine.inspect.Diff.files(trainingStream, trainingStream).lines().size();
var trainingCopy = java.nio.file.Files.createTempFile("vmstate-training-", ".mig");
try (var edit = org.vmstate4j.engine.edit.StreamEdit.of(trainingStream)) {
  edit.set(org.vmstate4j.engine.edit.Assignment.parse("serial/state/scr=0x5a"));
  edit.writeTo(trainingCopy);
}
try (var in = java.nio.file.Files.newInputStream(trainingCopy)) {
  org.vmstate4j.engine.live.MigrationReceiver.builder().build().receive(in).dumpState().length();
}
var trainingDump = org.vmstate4j.engine.inspect.DumpVmstate.parse(
    org.vmstate4j.engine.wire.VmDescription.readTree(org.vmstate4j.engine.inspect.DumpVmstate
        .toJson("pc-i440fx-7.2", java.util.Map.of("serial", org.vmstate4j.dsl.qemu.IsaSerial.VMSD))
        .getBytes(java.nio.charset.StandardCharsets.UTF_8)));
org.vmstate4j.engine.inspect.Compat.check(trainingDump, trainingDump, null).lines(true).size();
java.nio.file.Files.delete(trainingCopy);
java.nio.file.Files.delete(trainingStream);
