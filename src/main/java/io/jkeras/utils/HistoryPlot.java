package io.jkeras.utils;

import io.jkeras.callbacks.History;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.Styler;
import org.knowm.xchart.style.XYStyler;
import org.knowm.xchart.style.markers.SeriesMarkers;

import java.awt.Color;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The training curves that a Keras course draws with matplotlib after {@code fit}: one panel for the loss and one
 * for the accuracy (or, without accuracy, the first metric), each with the training series and its {@code val_}
 * series when there is one, against the epoch counted from 1. Drawn with XChart, written as PNG, and shown in the
 * terminal where it can ({@link Terminal}).
 *
 * <p>Colours are matplotlib's first two: blue for training, orange for validation. Each panel is
 * {@value #PANEL_WIDTH}x{@value #PANEL_HEIGHT} pixels, side by side.
 *
 * <pre>{@code
 * jshell> History h = model.fit(x, y, new FitOptions().epochs(10).validationSplit(0.2));
 * jshell> HistoryPlot.plot(h, "history.png")
 * $3 ==> /home/me/history.png
 * }</pre>
 */
public final class HistoryPlot {
    /** One panel's size in pixels. */
    public static final int PANEL_WIDTH = 560, PANEL_HEIGHT = 420;
    /** matplotlib's default colours C0 (training) and C1 (validation). */
    public static final Color TRAIN_COLOR = new Color(0x1f77b4), VAL_COLOR = new Color(0xff7f0e);

    private HistoryPlot() {
    }

    /** The loss and accuracy (or first metric) panels, written as a PNG; returns the file's path. */
    public static Path plot(History history, String path) throws IOException {
        requireEpochs(history);
        return plot(history, path, defaultKeys(history.history()).toArray(new String[0]));
    }

    /**
     * One panel per key (e.g. {@code "loss", "auc"}), each with its {@code val_} series when recorded.
     *
     * @throws IllegalArgumentException if a key was not recorded (the message lists what was)
     */
    public static Path plot(History history, String path, String... keys) throws IOException {
        PlotFiles.requirePng(path);
        List<XYChart> charts = charts(history, keys);
        return PlotFiles.write(path, out -> BitmapEncoder.saveBitmap(charts, 1, charts.size(), out, BitmapEncoder.BitmapFormat.PNG));
    }

    /** The XChart panels, to restyle or to write in another way. */
    public static List<XYChart> charts(History history, String... keys) {
        PlotFiles.headless();
        requireEpochs(history);
        Map<String, List<Double>> h = history.history();
        if (keys.length == 0) throw new IllegalArgumentException("Name at least one recorded value to plot, e.g. \"loss\".");
        List<Double> epochs = new ArrayList<>();
        for (int e : history.epoch()) epochs.add(e + 1.0);  // matplotlib plots of the course count epochs from 1
        List<XYChart> charts = new ArrayList<>();
        for (String key : keys) {
            if (!h.containsKey(key)) {
                throw new IllegalArgumentException("No \"" + key + "\" in the History. Recorded: " + h.keySet());
            }
            String label = title(key);
            XYChart c = new XYChartBuilder().width(PANEL_WIDTH).height(PANEL_HEIGHT)
                    .title("Training and validation " + label.toLowerCase()).xAxisTitle("Epoch").yAxisTitle(label).build();
            style(c.getStyler());
            // The legend goes in the corner the curve leaves empty: top right for a falling curve, bottom right for a rising one.
            List<Double> train = h.get(key);
            boolean rising = train.size() > 1 && train.get(train.size() - 1) > train.get(0);
            c.getStyler().setLegendPosition(rising ? Styler.LegendPosition.InsideSE : Styler.LegendPosition.InsideNE);
            add(c, "Training " + label.toLowerCase(), epochs, train, TRAIN_COLOR);
            List<Double> val = h.get("val_" + key);
            if (val != null) add(c, "Validation " + label.toLowerCase(), epochs, val, VAL_COLOR);
            charts.add(c);
        }
        return charts;
    }

    private static void requireEpochs(History history) {
        if (history.history().isEmpty()) {
            throw new IllegalArgumentException("The History is empty: call fit(...) for at least one epoch first.");
        }
    }

    /** "loss" and then "accuracy" ("acc" in old files), else the first recorded metric that is not a learning rate. */
    static List<String> defaultKeys(Map<String, List<Double>> h) {
        List<String> keys = new ArrayList<>();
        if (h.containsKey("loss")) keys.add("loss");
        String metric = h.containsKey("accuracy") ? "accuracy" : h.containsKey("acc") ? "acc" : null;
        for (String k : h.keySet()) {
            if (metric != null) break;
            if (!k.equals("loss") && !k.startsWith("val_") && !k.equals("lr") && !k.equals("learning_rate")) metric = k;
        }
        if (metric != null) keys.add(metric);
        if (keys.isEmpty()) keys.add(h.keySet().iterator().next());
        return keys;
    }

    private static String title(String key) {
        String k = key.equals("acc") ? "accuracy" : key.replace('_', ' ');
        return Character.toUpperCase(k.charAt(0)) + k.substring(1);
    }

    private static void add(XYChart c, String name, List<Double> x, List<Double> y, Color color) {
        // A NaN (a diverged epoch) would stop XChart's axis scaling; it becomes a gap in the line instead.
        List<Double> ys = y.stream().map(v -> v == null || !Double.isFinite(v) ? null : v).toList();
        XYSeries s = c.addSeries(name, x.subList(0, Math.min(x.size(), ys.size())), ys.subList(0, Math.min(x.size(), ys.size())));
        s.setLineColor(color);
        s.setMarkerColor(color);
        s.setMarker(SeriesMarkers.CIRCLE);
    }

    private static void style(XYStyler s) {
        s.setChartBackgroundColor(Color.WHITE);
        s.setPlotBackgroundColor(Color.WHITE);
        s.setPlotGridLinesColor(new Color(0xdddddd));
        s.setLegendBorderColor(new Color(0xcccccc));
        s.setMarkerSize(6);
        s.setXAxisDecimalPattern("0");
        // a short number on the y axis: with one epoch XChart's range collapses to the value, printed in full
        s.setYAxisDecimalPattern("0.####");
        s.setXAxisMaxLabelCount(11);
    }
}
