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
