package jgrad.examples.report;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import jgrad.core.FileErrors;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.markers.SeriesMarkers;

/**
 * A PNG of the loss per epoch and, when the task measures one, the accuracy per epoch on a second
 * axis (loss and accuracy live on different scales).
 *
 * <p>Rendering uses Java2D off screen; {@link #write} sets {@code java.awt.headless=true} unless the
 * caller chose otherwise, so it works without a display, as on CI.
 */
public final class CurvePlot {

    private CurvePlot() {}

    /**
     * Writes the curves of {@code epochs} to {@code file} (PNG, 800 x 500).
     *
     * @throws IllegalArgumentException if there are no epochs to plot
     */
    public static void write(Path file, String title, List<EpochMetrics> epochs) {
        if (epochs.isEmpty()) {
            throw new IllegalArgumentException("cannot plot " + file + ": no epoch was recorded");
        }
        if (System.getProperty("java.awt.headless") == null) {
            System.setProperty("java.awt.headless", "true");
        }
        XYChart chart = new XYChartBuilder().width(800).height(500).title(title)
                .xAxisTitle("epoch").yAxisTitle("loss").build();
        chart.getStyler().setLegendPosition(org.knowm.xchart.style.Styler.LegendPosition.InsideNE);
        double[] x = epochs.stream().mapToDouble(EpochMetrics::epoch).toArray();
        double[] loss = epochs.stream().mapToDouble(EpochMetrics::loss).toArray();
        XYSeries lossSeries = chart.addSeries("loss", x, loss);
        lossSeries.setMarker(epochs.size() > 50 ? SeriesMarkers.NONE : SeriesMarkers.CIRCLE);
        double minLoss = java.util.Arrays.stream(loss).min().orElse(0);
        double maxLoss = java.util.Arrays.stream(loss).max().orElse(0);
        boolean hasAccuracy = epochs.stream().allMatch(EpochMetrics::hasAccuracy);
        // A loss falling by orders of magnitude is a flat line at 0 on a linear axis. The log scale is
        // the chart's, so it is used only when no accuracy axis shares it.
        if (!hasAccuracy && minLoss > 0 && maxLoss / minLoss > 1e3) {
            chart.getStyler().setYAxisLogarithmic(true);
            chart.setYAxisTitle("loss (log scale)");
        }
        if (hasAccuracy) {
            double[] accuracy = epochs.stream().mapToDouble(EpochMetrics::accuracy).toArray();
            XYSeries accuracySeries = chart.addSeries("accuracy", x, accuracy);
            accuracySeries.setMarker(epochs.size() > 50 ? SeriesMarkers.NONE : SeriesMarkers.DIAMOND);
            accuracySeries.setYAxisGroup(1);
            chart.setYAxisGroupTitle(1, "accuracy");
            chart.getStyler().setYAxisMin(1, 0.0);
            chart.getStyler().setYAxisMax(1, 1.0);
            chart.getStyler().setYAxisGroupPosition(1, org.knowm.xchart.style.Styler.YAxisPosition.Right);
        }
        try {
            Path parent = file.toAbsolutePath().getParent();
            if (parent != null) {
                Files.createDirectories(parent);
            }
            // The stream form writes exactly this file; the name form would append ".png" when missing.
            try (OutputStream out = Files.newOutputStream(file)) {
                BitmapEncoder.saveBitmap(chart, out, BitmapEncoder.BitmapFormat.PNG);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the plot to " + file + ": " + FileErrors.reason(e, file), e);
        }
    }
}
