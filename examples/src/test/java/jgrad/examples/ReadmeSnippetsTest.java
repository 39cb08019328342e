package jgrad.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.lang.reflect.Field;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.net.URI;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;
import javax.tools.Diagnostic;
import javax.tools.DiagnosticCollector;
import javax.tools.JavaCompiler;
import javax.tools.JavaFileObject;
import javax.tools.SimpleJavaFileObject;
import javax.tools.ToolProvider;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Every {@code ```java} block of the repository's README.md, compiled as written against the test class
 * path, and run unless it is marked compile-only.
 *
 * <p>A block's leading {@code import} lines become the imports of its compilation unit: nothing else is
 * imported, so a block shows every import it needs. A block that declares a top-level type (class,
 * record, interface, enum) is compiled as a source file of its own, and its {@code main} run if it has
 * one; any other block becomes the body of a
 * method that may use three given values, which the test sets before running it: {@code images} float32
 * [128, 784] in [0, 1), {@code labels} int64 [128] in [0, 10) and {@code file}, a path in a temporary
 * directory (a block may declare its own variables of these names instead). A block preceded by the line
 * {@code <!-- compile-only -->} (for one that needs data the test lacks) is compiled and not run. Failures
 * name the block's README line and give the compiler's message or the exception.
 */
class ReadmeSnippetsTest {

    private static final String COMPILE_ONLY = "<!-- compile-only -->";
    /** The name of the class wrapped around a block of statements, followed by the block's README line. */
    private static final String SNIPPET_CLASS = "ReadmeSnippetAtLine";
    private static final Pattern IMPORT = Pattern.compile("\\s*import\\s+(static\\s+)?[\\w.]+(\\.\\*)?\\s*;\\s*");
    private static final Pattern TYPE = Pattern.compile(
            "(public\\s+|final\\s+|abstract\\s+|sealed\\s+)*(class|record|interface|enum)\\s+(\\w+).*");

    /** One {@code ```java} block: its first line's number in the README (1-based) and its lines. */
    record Block(int firstLine, List<String> lines, boolean compileOnly) {

        /** The name of the type the block declares at top level, or null for a block of statements. */
        String declaredType() {
            for (String line : lines) {
                var m = TYPE.matcher(line);
                if (m.matches()) { // at column 0: a top-level declaration, not one nested in a method
                    return m.group(3);
                }
            }
            return null;
        }
    }

    /** A generated source file and, for each of its lines, the README line it came from (0 if none). */
    private record Source(String className, String text, int[] readmeLines, Block block) {}

    static List<Block> javaBlocks(List<String> readme) {
        List<Block> blocks = new ArrayList<>();
        for (int i = 0; i < readme.size(); i++) {
            if (!readme.get(i).strip().equals("```java")) {
                continue;
            }
            int previous = i - 1;
            while (previous >= 0 && readme.get(previous).isBlank()) {
                previous--;
            }
            boolean compileOnly = previous >= 0 && readme.get(previous).strip().equals(COMPILE_ONLY);
            List<String> lines = new ArrayList<>();
            int j = i + 1;
            while (j < readme.size() && !readme.get(j).strip().equals("```")) {
                lines.add(readme.get(j));
                j++;
            }
            if (j == readme.size()) {
                throw new IllegalStateException("README.md line " + (i + 1) + ": the ```java block is never closed");
            }
            blocks.add(new Block(i + 2, lines, compileOnly));
            i = j;
        }
        return blocks;
    }

    private static Source source(Block block) {
        String className = block.declaredType() != null ? block.declaredType() : SNIPPET_CLASS + block.firstLine();
        List<String> text = new ArrayList<>();
        List<Integer> origin = new ArrayList<>();
        int bodyStart = 0;
        while (bodyStart < block.lines().size()
                && (IMPORT.matcher(block.lines().get(bodyStart)).matches() || block.lines().get(bodyStart).isBlank())) {
            text.add(block.lines().get(bodyStart));
            origin.add(block.firstLine() + bodyStart);
            bodyStart++;
        }
        boolean statements = block.declaredType() == null;
        if (statements) {
            text.add("final class " + className + " {");
            text.add("    static org.nd4j.linalg.api.ndarray.INDArray images;");
            text.add("    static org.nd4j.linalg.api.ndarray.INDArray labels;");
            text.add("    static java.nio.file.Path file;");
            text.add("    static void run() throws Exception {");
            for (int k = 0; k < 5; k++) {
                origin.add(0);
            }
        }
        for (int k = bodyStart; k < block.lines().size(); k++) {
            text.add(block.lines().get(k));
            origin.add(block.firstLine() + k);
        }
        if (statements) {
            text.add("    }");
            text.add("}");
            origin.add(0);
            origin.add(0);
        }
        return new Source(className, String.join("\n", text) + "\n", origin.stream().mapToInt(Integer::intValue).toArray(), block);
    }

    private static Path readme() {
        Path dir = Path.of("").toAbsolutePath();
        while (dir != null && !Files.exists(dir.resolve("README.md"))) {
            dir = dir.getParent();
        }
        if (dir == null) {
            throw new IllegalStateException("README.md not found above " + Path.of("").toAbsolutePath());
        }
        return dir.resolve("README.md");
    }

    @Test
    void everyJavaBlockOfTheReadmeCompilesAndRuns(@TempDir Path dir) throws Exception {
        List<Block> blocks = javaBlocks(Files.readAllLines(readme(), StandardCharsets.UTF_8));
        assertFalse(blocks.isEmpty(), "README.md has no ```java block; did the fence change?");
        List<Source> sources = blocks.stream().map(ReadmeSnippetsTest::source).toList();
        Path classes = Files.createDirectories(dir.resolve("classes"));
        List<String> errors = compile(sources, classes);
        if (!errors.isEmpty()) {
            fail("README.md's java blocks do not compile:\n" + String.join("\n", errors));
        }

        List<String> failures = new ArrayList<>();
        try (URLClassLoader loader = new URLClassLoader(new URL[] {classes.toUri().toURL()}, getClass().getClassLoader())) {
            for (Source source : sources) {
                if (source.block().compileOnly()) {
                    continue;
                }
                Path work = Files.createDirectories(dir.resolve("run-at-line-" + source.block().firstLine()));
                try {
                    run(loader.loadClass(source.className()), work);
                } catch (InvocationTargetException e) {
                    failures.add("README.md line " + source.block().firstLine() + ": the ```java block threw "
                            + e.getCause());
                }
            }
        }
        if (!failures.isEmpty()) {
            fail(String.join("\n", failures));
        }
    }

    @Test
    void blocksAreFoundWithTheirFirstLineTheirKindAndTheirCompileOnlyMark() {
        List<Block> blocks = javaBlocks(List.of(
                "# Title",
                "```java",
                "int a = 1;",
                "```",
                "<!-- compile-only -->",
                "",
                "  ```java",
                "class Foo {}",
                "  ```",
                "```bash",
                "ls",
                "```"));
        assertEquals(2, blocks.size());
        assertEquals(3, blocks.get(0).firstLine());
        assertFalse(blocks.get(0).compileOnly());
        assertNull(blocks.get(0).declaredType());
        assertEquals(8, blocks.get(1).firstLine());
        assertTrue(blocks.get(1).compileOnly());
        assertEquals("Foo", blocks.get(1).declaredType());
    }

    @Test
    void aBlockThatDoesNotCompileIsReportedWithItsReadmeLineAndTheCompilersMessage(@TempDir Path dir) throws IOException {
        List<String> readme = List.of(
                "## The engine, as the README had it: zeroGrad() is a method of Parameter, not of Tensor",
                "```java",
                "import jgrad.core.*;",
                "import org.nd4j.linalg.api.buffer.DataType;",
                "import org.nd4j.linalg.factory.Nd4j;",
                "",
                "Tensor w = Tensor.param(Nd4j.randn(DataType.FLOAT, 784, 10));",
                "w.zeroGrad();",
                "```",
                "A block without its imports: the test adds none.",
                "```java",
                "Tensor t = Tensor.scalar(1);",
                "```");
        List<String> errors = compile(javaBlocks(readme).stream().map(ReadmeSnippetsTest::source).toList(), dir);
        assertTrue(errors.get(0).startsWith("README.md line 8: cannot find symbol"), errors.toString());
        assertTrue(errors.get(0).contains("zeroGrad()"), errors.get(0));
        assertTrue(errors.stream().skip(1).allMatch(e -> e.startsWith("README.md line 12: cannot find symbol")), errors.toString());
        assertTrue(errors.size() > 1, errors.toString());
    }

    /** Compiles the sources into {@code classes}; returns the errors, each with its README line. */
    private static List<String> compile(List<Source> sources, Path classes) throws IOException {
        JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
        DiagnosticCollector<JavaFileObject> diagnostics = new DiagnosticCollector<>();
        List<JavaFileObject> units = new ArrayList<>();
        for (Source source : sources) {
            units.add(new SimpleJavaFileObject(URI.create("string:///" + source.className() + ".java"), JavaFileObject.Kind.SOURCE) {
                @Override
                public CharSequence getCharContent(boolean ignoreEncodingErrors) {
                    return source.text();
                }
            });
        }
        // Surefire may put the class path in a manifest-only jar; it passes the real one in this property.
        String classPath = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
        List<String> options = List.of("-classpath", classPath, "-d", classes.toString(), "-proc:none", "--release", "17");
        try (var files = javac.getStandardFileManager(diagnostics, Locale.ROOT, StandardCharsets.UTF_8)) {
            boolean ok = javac.getTask(null, files, diagnostics, options, null, units).call();
            List<String> errors = new ArrayList<>();
            for (Diagnostic<? extends JavaFileObject> d : diagnostics.getDiagnostics()) {
                if (d.getKind() == Diagnostic.Kind.ERROR) {
                    errors.add(describe(d, sources));
                }
            }
            if (!ok && errors.isEmpty()) {
                errors.add("javac failed without an error message: " + diagnostics.getDiagnostics());
            }
            return errors;
        }
    }

    /** The README line of a compiler error and the compiler's message. */
    private static String describe(Diagnostic<? extends JavaFileObject> d, List<Source> sources) {
        String name = d.getSource() == null ? "" : d.getSource().getName();
        for (Source source : sources) {
            if (name.endsWith("/" + source.className() + ".java")) {
                long line = d.getLineNumber();
                int readmeLine = line >= 1 && line <= source.readmeLines().length ? source.readmeLines()[(int) line - 1] : 0;
                String where = readmeLine > 0 ? "README.md line " + readmeLine
                        : "README.md, the ```java block at line " + source.block().firstLine();
                return where + ": " + d.getMessage(Locale.ROOT);
            }
        }
        return d.getMessage(Locale.ROOT);
    }

    /**
     * Runs a block of statements with the given values set, or the {@code main} of a block that declares
     * one, with what it prints kept off the test's output. A type without {@code main} is not run.
     */
    private static void run(Class<?> snippet, Path work) throws Exception {
        Method run;
        if (snippet.getSimpleName().startsWith(SNIPPET_CLASS)) {
            Nd4j.getRandom().setSeed(1);
            set(snippet, "images", Nd4j.rand(DataType.FLOAT, 128, 784));
            set(snippet, "labels", Nd4j.rand(DataType.FLOAT, 128).muli(10).castTo(DataType.LONG));
            set(snippet, "file", work.resolve("model.npz"));
            run = snippet.getDeclaredMethod("run");
        } else {
            try {
                run = snippet.getMethod("main", String[].class);
            } catch (NoSuchMethodException e) {
                return;
            }
        }
        run.setAccessible(true);
        Object[] arguments = run.getParameterCount() == 0 ? new Object[0] : new Object[] {new String[0]};
        PrintStream out = System.out;
        System.setOut(new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8));
        try {
            run.invoke(null, arguments);
        } finally {
            System.setOut(out);
        }
    }

    private static void set(Class<?> snippet, String name, Object value) throws ReflectiveOperationException {
        Field field = snippet.getDeclaredField(name);
        field.setAccessible(true);
        field.set(null, value);
    }
}
