package jgrad.testsupport;

import java.io.PrintStream;
import java.util.Optional;
import org.junit.platform.engine.TestExecutionResult;
import org.junit.platform.launcher.TestExecutionListener;
import org.junit.platform.launcher.TestIdentifier;

/**
 * Prints one line on the console for each test that did not run: a failed assumption ("aborted", e.g. a
 * data set that is not on disk) or a disabled test, with its reason. Surefire's console counts skipped
 * tests but does not say which or why (its XML report does); an integration test that quietly did
 * nothing would otherwise pass unnoticed. Registered through {@code META-INF/services}.
 */
public final class SkippedTestsListener implements TestExecutionListener {

    private final PrintStream out;

    /** The listener the JUnit Platform loads; it prints to standard error. */
    public SkippedTestsListener() {
        this(System.err);
    }

    SkippedTestsListener(PrintStream out) {
        this.out = out;
    }

    @Override
    public void executionSkipped(TestIdentifier test, String reason) {
        out.println(line(test, reason));
    }

    @Override
    public void executionFinished(TestIdentifier test, TestExecutionResult result) {
        if (result.getStatus() == TestExecutionResult.Status.ABORTED) {
            Optional<Throwable> cause = result.getThrowable();
            out.println(line(test, cause.map(Throwable::getMessage).orElse("aborted")));
        }
    }

    static String line(TestIdentifier test, String reason) {
        return "SKIPPED " + name(test) + ": " + reason;
    }

    /** The class and method, from the test's source when it has one, else its display name. */
    private static String name(TestIdentifier test) {
        return test.getSource()
                .map(source -> source instanceof org.junit.platform.engine.support.descriptor.MethodSource method
                        ? simple(method.getClassName()) + "." + method.getMethodName()
                        : source instanceof org.junit.platform.engine.support.descriptor.ClassSource type
                                ? simple(type.getClassName())
                                : test.getDisplayName())
                .orElse(test.getDisplayName());
    }

    private static String simple(String className) {
        return className.substring(className.lastIndexOf('.') + 1);
    }
}
