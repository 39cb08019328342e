package jgrad.examples.report;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.knowm.xchart.XYChart;

class CurvePlotTest {

    private static final byte[] PNG_SIGNATURE = {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n'};
    /** The accuracy line's colour, to find it in the picture. */
    private static final int ACCURACY_RGB = 0xFF2CA02C;

    @TempDir
    Path dir;

    /** Ten epochs as MNIST gives them: the test accuracy creeps from 0.971 to 0.978. */
    private static TrainingReport mnistLike() {
        TrainingReport report = new TrainingReport("mnist", "MNIST, MLP 784-512-256-10: 10 epochs", "test", Map.of());
        for (int epoch = 1; epoch <= 10; epoch++) {
            report.add(new EpochMetrics(epoch, 0.25 / epoch, 0.1 - 0.004 * epoch, 0.971 + 0.0007 * epoch, 60000, 2.0));
        }
        return report;
    }

    @Test
    void aReportWithAccuracyIsAPngOfTheLossPanelAboveTheAccuracyPanel() throws Exception {
        // No ".png" on purpose: the file must be written under exactly this name.
        Path file = dir.resolve("curves");

        CurvePlot.write(file, mnistLike());

        byte[] bytes = Files.readAllBytes(file);
        assertArrayEquals(PNG_SIGNATURE, Arrays.copyOf(bytes, 8));
        BufferedImage image = ImageIO.read(file.toFile());
        assertEquals(CurvePlot.WIDTH, image.getWidth());
        assertEquals(CurvePlot.HEIGHT, image.getHeight());
        assertTrue(distinctColours(image) > 5, "the image is nearly blank");
    }

    @Test
    void legendsSayTrainLossTestLossAndTestAccuracy() {
        TrainingReport report = mnistLike();

        assertEquals(List.of("train loss", "test loss"), List.copyOf(CurvePlot.lossChart(report, 300).getSeriesMap().keySet()));
        assertEquals(List.of("test accuracy"), List.copyOf(CurvePlot.accuracyChart(report).getSeriesMap().keySet()));
    }

    @Test
    void theAccuracyAxisIsFittedToTheDataWithEqualDecimalsOnEveryTick() {
        XYChart accuracy = CurvePlot.accuracyChart(mnistLike());

        double min = accuracy.getStyler().getYAxisMin();
        double max = accuracy.getStyler().getYAxisMax();
        assertTrue(min > 0.96 && min <= 0.9717 && max >= 0.978 && max < 0.99, "accuracy axis " + min + " to " + max);
        assertEquals("0.000", accuracy.getStyler().getYAxisDecimalPattern());
        assertEquals("0", accuracy.getStyler().getXAxisDecimalPattern());
    }

    @Test
    void theAccuracyLineRisesAcrossMostOfItsPanelInsteadOfLyingFlat() {
        BufferedImage image = CurvePlot.render(mnistLike());

        int top = Integer.MAX_VALUE;
        int bottom = -1;
        for (int y = 0; y < image.getHeight(); y++) {
            for (int x = 0; x < image.getWidth() - 200; x++) { // left of the legend, which has the colour too
                if (image.getRGB(x, y) == ACCURACY_RGB) {
                    top = Math.min(top, y);
                    bottom = Math.max(bottom, y);
                }
            }
        }
        // On a 0-1 axis 0.971 to 0.978 would span under 2 pixels.
        assertTrue(bottom - top > 60, "the accuracy line spans rows " + top + " to " + bottom);
        assertTrue(top > CurvePlot.HEIGHT / 2, "the accuracy line is in the lower panel, from row " + top);
    }

    @Test
    void aLossFallingByOrdersOfMagnitudeWithoutAccuracyIsOneLogScalePanel() throws Exception {
        TrainingReport report = new TrainingReport("line", Map.of());
        for (int epoch = 1; epoch <= 100; epoch++) {
            report.add(EpochMetrics.withoutAccuracy(epoch, 68 * Math.pow(0.7, epoch), 3, 0.001));
        }
        Path file = dir.resolve("line.png");

        CurvePlot.write(file, report);

        assertEquals(CurvePlot.LOSS_ONLY_HEIGHT, ImageIO.read(file.toFile()).getHeight());
        XYChart loss = CurvePlot.lossChart(report, 300);
        assertTrue(loss.getStyler().isYAxisLogarithmic());
        assertEquals("0E0", loss.getStyler().getYAxisDecimalPattern());
        assertEquals(0.0, loss.getStyler().getXAxisMin()); // epochs 1 to 100: round ticks from 0
        assertEquals(List.of("train loss"), List.copyOf(loss.getSeriesMap().keySet()));
    }

    @Test
    void aSingleEpochIsPlottedOnAnAxisAroundIt() {
        TrainingReport report = new TrainingReport("mnist", "one", "test", Map.of());
        report.add(new EpochMetrics(1, 0.3, 0.2, 0.95, 100, 1.0));

        XYChart accuracy = CurvePlot.accuracyChart(report);

        assertEquals(0.0, accuracy.getStyler().getXAxisMin());
        assertEquals(2.0, accuracy.getStyler().getXAxisMax());
        assertTrue(accuracy.getStyler().getYAxisMin() < 0.95 && accuracy.getStyler().getYAxisMax() > 0.95);
        assertFalse(CurvePlot.lossChart(report, 300).getStyler().isYAxisLogarithmic());
    }

    @Test
    void nothingToPlotIsAnError() {
        TrainingReport empty = new TrainingReport("empty", Map.of());

        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> CurvePlot.write(dir.resolve("empty.png"), empty));

        assertTrue(e.getMessage().contains("no epoch") && e.getMessage().contains("empty.png"), e.getMessage());
    }

    private static long distinctColours(BufferedImage image) {
        java.util.Set<Integer> colours = new java.util.HashSet<>();
        for (int y = 0; y < image.getHeight(); y += 5) {
            for (int x = 0; x < image.getWidth(); x += 5) {
                colours.add(image.getRGB(x, y));
            }
        }
        return colours.size();
    }
}
