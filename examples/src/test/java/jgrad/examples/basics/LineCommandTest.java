package jgrad.examples.basics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import jgrad.examples.report.TrainingReport;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

class LineCommandTest {

    private final ByteArrayOutputStream printed = new ByteArrayOutputStream();
    private final PrintStream out = new PrintStream(printed, true, StandardCharsets.UTF_8);

    private static LineCommand command(String... args) {
        LineCommand command = new LineCommand();
        new CommandLine(command).parseArgs(args);
        return command;
    }

    private LineCommand.Result train(String... args) {
        return command(args).train(out, new TrainingReport("line", Map.of()));
    }

    @Test
    void costFromTwoAndTwoIsSixtyEight() {
        assertEquals(68.0, train("--epochs", "1").initialCost(), 1e-12);
    }

    @Test
    void gradientAtTheStartIsMinus104AndMinus12() {
        train("--epochs", "1");

        assertTrue(printed.toString(StandardCharsets.UTF_8).contains("gradient at the start (-104.0, -12.00)"),
                printed.toString(StandardCharsets.UTF_8));
    }

    @Test
    void gradientDescentReachesFourXMinusFour() {
        LineCommand.Result result = train();

        assertEquals(4.0, result.w(), 1e-6);
        assertEquals(-4.0, result.b(), 1e-6);
        assertTrue(result.finalCost() < 1e-10, "final cost " + result.finalCost());
    }

    @Test
    void randomStartAlsoReachesFourXMinusFour() {
        LineCommand.Result result = train("--random-start", "--seed", "7", "--epochs", "4000");

        assertEquals(4.0, result.w(), 1e-4);
        assertEquals(-4.0, result.b(), 1e-4);
    }

    @Test
    void tooLargeLearningRateStopsWithAnExplanation() {
        ArithmeticException e = assertThrows(ArithmeticException.class, () -> train("--lr", "0.05"));

        assertTrue(e.getMessage().contains("too large"), e.getMessage());
    }

    @Test
    void lineIsWrittenWithItsSign() {
        assertEquals("y = 4.0000 x - 4.0000", LineCommand.line(4, -4));
        assertEquals("y = 2.0000 x + 2.0000", LineCommand.line(2, 2));
    }

    @Test
    void divergingLineIsWrittenWithExponents() {
        assertEquals("y = 1.590e+146 x + 3.109e+145", LineCommand.line(1.59e146, 3.109e145));
    }
}
