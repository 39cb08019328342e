package jgrad.examples.report;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.function.ToDoubleFunction;
import javax.imageio.ImageIO;
import jgrad.core.FileErrors;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.Styler;
import org.knowm.xchart.style.XYStyler;
import org.knowm.xchart.style.markers.Marker;
import org.knowm.xchart.style.markers.SeriesMarkers;

/**
 * A PNG of a {@link TrainingReport}, 800 pixels wide: the report's title (the model and its settings),
 * then a panel of the training loss and, when measured, the evaluation loss per epoch, and below it,
 * when the task has one, a panel of the accuracy per epoch. The legends say what each line is
 * ("train loss", "test loss", "test accuracy").
 *
 * <p>Loss and accuracy get a panel each rather than two axes of one chart, so that no one has to work
 * out which axis a line belongs to. Each axis is fitted to its data ({@link AxisScale}): an accuracy
 * that moves from 0.971 to 0.978 fills its panel instead of drawing a flat line at the top of [0, 1].
 * Tick labels on an axis all have the same decimals; epochs are whole numbers. A loss that falls by more
 * than three orders of magnitude is drawn on a log scale.
 *
 * <p>Rendering uses Java2D off screen; {@link #write} sets {@code java.awt.headless=true} unless the
 * caller chose otherwise, so it works without a display, as on CI.
 */
public final class CurvePlot {

    static final int WIDTH = 800;
    /** The height with an accuracy panel; without one, the loss panel alone is {@link #LOSS_ONLY_HEIGHT}. */
    static final int HEIGHT = 640;
    static final int LOSS_ONLY_HEIGHT = 420;
    private static final int TITLE_HEIGHT = 36;
    private static final int ACCURACY_PANEL_HEIGHT = 240;

    private static final Color TRAIN_LOSS = new Color(31, 119, 180);
    private static final Color EVAL_LOSS = new Color(255, 127, 14);
    private static final Color ACCURACY = new Color(44, 160, 44);
    /** Above this many points the markers would merge into a thick line. */
    private static final int MAX_MARKED_POINTS = 50;

    private CurvePlot() {}

    /**
     * Writes the curves of {@code report} to {@code file} as a PNG, atomically.
     *
     * @throws IllegalArgumentException if the report has no epochs
     * @throws UncheckedIOException if the file cannot be written
     */
    public static void write(Path file, TrainingReport report) {
        if (report.epochs().isEmpty()) {
            throw new IllegalArgumentException("cannot plot " + file + ": no epoch was recorded");
        }
        BufferedImage image = render(report);
        try {
            AtomicFile.write(file, out -> {
                if (!ImageIO.write(image, "png", out)) {
                    throw new IOException("no PNG writer in this Java runtime");
                }
            });
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the plot to " + file + ": " + FileErrors.reason(e, file), e);
        }
    }

    /** The picture of a report with at least one epoch. */
    static BufferedImage render(TrainingReport report) {
        if (System.getProperty("java.awt.headless") == null) {
            System.setProperty("java.awt.headless", "true");
        }
        List<EpochMetrics> epochs = report.epochs();
        boolean hasAccuracy = epochs.stream().allMatch(EpochMetrics::hasAccuracy);
        int height = hasAccuracy ? HEIGHT : LOSS_ONLY_HEIGHT;
        int lossHeight = height - TITLE_HEIGHT - (hasAccuracy ? ACCURACY_PANEL_HEIGHT : 0);
        BufferedImage image = new BufferedImage(WIDTH, height, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        try {
            g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
            g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
            g.setColor(Color.WHITE);
            g.fillRect(0, 0, WIDTH, height);
            drawTitle(g, report.title());
            XYChart loss = lossChart(report, lossHeight);
            if (!hasAccuracy) {
                paint(g, loss, 0, TITLE_HEIGHT, lossHeight);
            } else {
                XYChart accuracy = accuracyChart(report);
                // The panel with the narrower tick labels moves right by the difference, so that both plots
                // start at the same x and epoch k is at the same place in both.
                double lossAxis = yAxisWidth(loss, lossHeight);
                double accuracyAxis = yAxisWidth(accuracy, ACCURACY_PANEL_HEIGHT);
                int shift = (int) Math.round(Math.abs(lossAxis - accuracyAxis));
                paint(g, loss, lossAxis < accuracyAxis ? shift : 0, TITLE_HEIGHT, lossHeight);
                paint(g, accuracy, accuracyAxis < lossAxis ? shift : 0, TITLE_HEIGHT + lossHeight, ACCURACY_PANEL_HEIGHT);
            }
        } finally {
            g.dispose();
        }
        return image;
    }

    /** Paints {@code chart} from ({@code x}, {@code y}) to the right edge, {@code height} high. */
    private static void paint(Graphics2D g, XYChart chart, int x, int y, int height) {
        Graphics2D panel = (Graphics2D) g.create(x, y, WIDTH - x, height);
        try {
            chart.paint(panel, WIDTH - x, height);
        } finally {
            panel.dispose();
        }
    }

    /** The width of the chart's y axis with its title and tick labels, known once it has been laid out. */
    private static double yAxisWidth(XYChart chart, int height) {
        BufferedImage scratch = new BufferedImage(WIDTH, height, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = scratch.createGraphics();
        try {
            chart.paint(g, WIDTH, height);
        } finally {
            g.dispose();
        }
        return chart.getYAxisLeftWidth();
    }

    /** The title, centred, in the largest font from 15 down to 10 points that fits the width. */
    private static void drawTitle(Graphics2D g, String title) {
        Font font = null;
        for (int size = 15; size >= 10; size--) {
            font = new Font(Font.SANS_SERIF, Font.BOLD, size);
            if (g.getFontMetrics(font).stringWidth(title) <= WIDTH - 20) {
                break;
            }
        }
        g.setFont(font);
        g.setColor(Color.BLACK);
        int width = g.getFontMetrics().stringWidth(title);
        g.drawString(title, Math.max(10, (WIDTH - width) / 2), TITLE_HEIGHT - 12);
    }

    /** The training loss and, when every epoch has one, the evaluation loss. */
    static XYChart lossChart(TrainingReport report, int height) {
        List<EpochMetrics> epochs = report.epochs();
        XYChart chart = panel(height, "loss");
        double[] x = values(epochs, EpochMetrics::epoch);
        double[] trainLoss = values(epochs, EpochMetrics::trainLoss);
        addSeries(chart, "train loss", x, trainLoss, TRAIN_LOSS, SeriesMarkers.CIRCLE);
        double[] losses = trainLoss;
        if (epochs.stream().allMatch(EpochMetrics::hasEvalLoss)) {
            double[] evalLoss = values(epochs, EpochMetrics::evalLoss);
            addSeries(chart, report.evaluatedOn() + " loss", x, evalLoss, EVAL_LOSS, SeriesMarkers.SQUARE);
            losses = concat(trainLoss, evalLoss);
        }
        double min = Arrays.stream(losses).filter(Double::isFinite).min().orElse(0);
        double max = Arrays.stream(losses).filter(Double::isFinite).max().orElse(0);
        if (min > 0 && max / min > 1e3) {
            // Orders of magnitude would be a flat line at 0 on a linear axis.
            chart.getStyler().setYAxisLogarithmic(true);
            chart.getStyler().setYAxisLogarithmicDecadeOnly(true);
            chart.getStyler().setYAxisDecimalPattern("0E0"); // 1E1, 1E0, 1E-1: one form for every decade
            chart.getStyler().setPlotGridHorizontalLinesVisible(false); // nine lines a decade would grey the panel
            chart.setYAxisTitle("loss (log scale)");
        } else {
            scale(chart, AxisScale.fit(losses, 0, Double.POSITIVE_INFINITY, Math.abs(max) * 0.05));
        }
        chart.getStyler().setLegendPosition(Styler.LegendPosition.InsideNE);
        epochAxis(chart, epochs);
        return chart;
    }

    /** The accuracy on the evaluation split, its axis fitted to the values within [0, 1]. */
    static XYChart accuracyChart(TrainingReport report) {
        List<EpochMetrics> epochs = report.epochs();
        String name = report.evaluatedOn() + " accuracy";
        XYChart chart = panel(ACCURACY_PANEL_HEIGHT, name);
        double[] accuracy = values(epochs, EpochMetrics::accuracy);
        addSeries(chart, name, values(epochs, EpochMetrics::epoch), accuracy, ACCURACY, SeriesMarkers.DIAMOND);
        scale(chart, AxisScale.fit(accuracy, 0, 1, 0.005));
        chart.getStyler().setLegendPosition(Styler.LegendPosition.InsideSE);
        epochAxis(chart, epochs);
        return chart;
    }

    private static XYChart panel(int height, String yAxisTitle) {
        XYChart chart = new XYChartBuilder().width(WIDTH).height(height).xAxisTitle("epoch").yAxisTitle(yAxisTitle).build();
        XYStyler styler = chart.getStyler();
        styler.setChartBackgroundColor(Color.WHITE);
        styler.setPlotBackgroundColor(Color.WHITE);
        styler.setPlotBorderVisible(true);
        styler.setPlotGridLinesColor(new Color(225, 225, 225));
        styler.setLegendBorderColor(new Color(200, 200, 200));
        styler.setChartTitleVisible(false);
        styler.setAxisTitleFont(new Font(Font.SANS_SERIF, Font.PLAIN, 13));
        styler.setAxisTickLabelsFont(new Font(Font.SANS_SERIF, Font.PLAIN, 12));
        styler.setLegendFont(new Font(Font.SANS_SERIF, Font.PLAIN, 13));
        styler.setAntiAlias(true);
        return chart;
    }

    private static void scale(XYChart chart, AxisScale scale) {
        chart.getStyler().setYAxisMin(scale.min());
        chart.getStyler().setYAxisMax(scale.max());
        chart.getStyler().setYAxisDecimalPattern(scale.pattern());
    }

    /** Epochs are whole numbers: a short run gets a tick at every epoch, a long one round steps. */
    private static void epochAxis(XYChart chart, List<EpochMetrics> epochs) {
        int first = epochs.get(0).epoch();
        int last = epochs.get(epochs.size() - 1).epoch();
        XYStyler styler = chart.getStyler();
        // A long run recorded from epoch 1 starts its axis at 0, so that the round ticks (0, 500, ...) are epochs.
        boolean fromZero = first == 1 && last > 12;
        styler.setXAxisMin(first == last ? first - 1.0 : fromZero ? 0.0 : first);
        styler.setXAxisMax(first == last ? last + 1.0 : last);
        styler.setXAxisDecimalPattern("0");
        // No more labels than whole numbers in the range, so that no label repeats a rounded neighbour.
        styler.setXAxisMaxLabelCount(Math.max(2, Math.min(12, last - first + 1)));
    }

    private static void addSeries(XYChart chart, String name, double[] x, double[] y, Color colour, Marker marker) {
        XYSeries series = chart.addSeries(name, x, y);
        series.setLineColor(colour);
        series.setMarkerColor(colour);
        series.setLineStyle(new BasicStroke(2f));
        series.setMarker(x.length > MAX_MARKED_POINTS ? SeriesMarkers.NONE : marker);
    }

    private static double[] values(List<EpochMetrics> epochs, ToDoubleFunction<EpochMetrics> field) {
        return epochs.stream().mapToDouble(field).toArray();
    }

    private static double[] concat(double[] a, double[] b) {
        double[] both = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, both, a.length, b.length);
        return both;
    }
}
