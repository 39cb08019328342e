package jgrad.testsupport;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.platform.engine.TestExecutionResult;
import org.junit.platform.engine.TestSource;
import org.junit.platform.engine.UniqueId;
import org.junit.platform.engine.support.descriptor.AbstractTestDescriptor;
import org.junit.platform.engine.support.descriptor.MethodSource;
import org.junit.platform.launcher.TestIdentifier;
import org.junit.jupiter.api.Test;
import org.opentest4j.TestAbortedException;

class SkippedTestsListenerTest {

    private final ByteArrayOutputStream printed = new ByteArrayOutputStream();
    private final SkippedTestsListener listener = new SkippedTestsListener(new PrintStream(printed, true, StandardCharsets.UTF_8));

    private static TestIdentifier test(TestSource source) {
        return TestIdentifier.from(new AbstractTestDescriptor(UniqueId.forEngine("junit-jupiter").append("method", "m"),
                "theRealMnistHasSixtyThousandImages()", source) {
            @Override
            public Type getType() {
                return Type.TEST;
            }
        });
    }

    private String printed() {
        return printed.toString(StandardCharsets.UTF_8).strip();
    }

    @Test
    void aFailedAssumptionIsNamedWithItsReason() {
        TestIdentifier test = test(MethodSource.from("jgrad.data.MnistTest", "theRealMnistHasSixtyThousandImages"));
        listener.executionFinished(test, TestExecutionResult.aborted(
                new TestAbortedException("Assumption failed: MNIST is not cached and cannot be fetched")));
        assertEquals("SKIPPED MnistTest.theRealMnistHasSixtyThousandImages: Assumption failed: MNIST is not cached and "
                + "cannot be fetched", printed());
    }

    @Test
    void aDisabledTestIsNamedWithItsReason() {
        listener.executionSkipped(test(null), "needs a GPU");
        assertEquals("SKIPPED theRealMnistHasSixtyThousandImages(): needs a GPU", printed());
    }

    @Test
    void aTestThatRanSaysNothing() {
        TestIdentifier test = test(MethodSource.from("jgrad.data.MnistTest", "theRealMnistHasSixtyThousandImages"));
        listener.executionFinished(test, TestExecutionResult.successful());
        listener.executionFinished(test, TestExecutionResult.failed(new AssertionError("boom")));
        assertEquals("", printed());
    }
}
