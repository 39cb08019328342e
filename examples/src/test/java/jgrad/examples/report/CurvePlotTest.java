package jgrad.examples.report;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CurvePlotTest {

    private static final byte[] PNG_SIGNATURE = {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n'};

    @TempDir
    Path dir;

    @Test
    void lossAndAccuracyCurvesMakeAnEightHundredByFiveHundredPng() throws Exception {
        List<EpochMetrics> epochs = new ArrayList<>();
        for (int epoch = 1; epoch <= 10; epoch++) {
            epochs.add(new EpochMetrics(epoch, 2.0 / epoch, 1 - 0.5 / epoch, 1000, 1.0));
        }
        // No ".png" on purpose: the file must be written under exactly this name.
        Path file = dir.resolve("curves");

        CurvePlot.write(file, "mnist", epochs);

        byte[] bytes = Files.readAllBytes(file);
        assertArrayEquals(PNG_SIGNATURE, Arrays.copyOf(bytes, 8));
        BufferedImage image = ImageIO.read(file.toFile());
        assertEquals(800, image.getWidth());
        assertEquals(500, image.getHeight());
        assertTrue(distinctColours(image) > 5, "the image is nearly blank");
    }

    @Test
    void lossFallingByOrdersOfMagnitudeIsPlottedWithoutAccuracy() throws Exception {
        List<EpochMetrics> epochs = new ArrayList<>();
        for (int epoch = 1; epoch <= 100; epoch++) {
            epochs.add(EpochMetrics.withoutAccuracy(epoch, 68 * Math.pow(0.7, epoch), 3, 0.001));
        }
        Path file = dir.resolve("line.png");

        CurvePlot.write(file, "line", epochs);

        assertTrue(Files.size(file) > 1000, "PNG of " + Files.size(file) + " bytes");
    }

    @Test
    void nothingToPlotIsAnError() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> CurvePlot.write(dir.resolve("empty.png"), "empty", List.of()));

        assertTrue(e.getMessage().contains("no epoch"), e.getMessage());
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
