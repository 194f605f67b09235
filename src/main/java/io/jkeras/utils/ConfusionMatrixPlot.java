package io.jkeras.utils;

import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.HeatMapChart;
import org.knowm.xchart.HeatMapChartBuilder;
import org.knowm.xchart.style.HeatMapStyler;
import org.knowm.xchart.style.Styler;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

import java.awt.Color;
import java.awt.Font;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * A confusion matrix as a heat map with the count written in each cell, as scikit-learn's
 * {@code ConfusionMatrixDisplay} draws it under a Keras course: true labels down the side (first class at the top),
 * predicted labels along the bottom, darker for more samples. Drawn with XChart's heat map, written as PNG, shown in
 * the terminal where it can ({@link Terminal}).
 *
 * <p>Input: a square {@code (classes, classes)} matrix, rows true and columns predicted, as
 * {@link ConfusionMatrix#confusionMatrix} returns. With {@code normalize}, each row is divided by its sum (sklearn's
 * {@code normalize="true"}: the fraction of each true class) and values are written with two decimals.
 *
 * <pre>{@code
 * jshell> INDArray cm = ConfusionMatrix.confusionMatrix(yTest, model.predict(xTest));
 * jshell> ConfusionMatrixPlot.plot(cm, FashionMnist.CLASS_NAMES, "cm.png")
 * $5 ==> /home/me/cm.png
 * }</pre>
 */
public final class ConfusionMatrixPlot {
    /** The colour of an empty cell and of the largest value (matplotlib's "Blues", stopped where black text still reads). */
    public static final Color LOW = new Color(0xf7fbff), MID = new Color(0x9ecae1), HIGH = new Color(0x3182bd);

    private ConfusionMatrixPlot() {
    }

    /** The heat map of counts; {@code classNames} may be {@code null} (then 0, 1, 2, ...). Returns the file's path. */
    public static Path plot(INDArray matrix, String[] classNames, String path) throws IOException {
        return plot(matrix, classNames, path, false);
    }

    /** The heat map, of counts or (with {@code normalize}) of each true class's fractions; returns the file's path. */
    public static Path plot(INDArray matrix, String[] classNames, String path, boolean normalize) throws IOException {
        PlotFiles.requirePng(path);
        HeatMapChart chart = chart(matrix, classNames, normalize);
        return PlotFiles.write(path, out -> BitmapEncoder.saveBitmap(chart, out, BitmapEncoder.BitmapFormat.PNG));
    }

    /** The XChart heat map, to restyle or to write in another way. */
    public static HeatMapChart chart(INDArray matrix, String[] classNames, boolean normalize) {
        PlotFiles.headless();
        if (matrix == null || matrix.rank() != 2 || matrix.size(0) != matrix.size(1) || matrix.size(0) == 0) {
            throw new IllegalArgumentException("A confusion matrix must be square, (classes, classes). Received shape: "
                    + (matrix == null ? "null" : io.jkeras.Shape.ofArray(matrix.shape())));
        }
        int k = (int) matrix.size(0);
        if (classNames != null && classNames.length != k) {
            throw new IllegalArgumentException("Expected " + k + " class names for a " + k + "x" + k
                    + " confusion matrix, received " + classNames.length + ": " + Arrays.toString(classNames));
        }
        INDArray m = matrix.castTo(DataType.DOUBLE);
        if (normalize) {
            // Rows with no sample stay 0 rather than 0/0, as sklearn's nan_to_num does.
            INDArray sums = m.sum(true, 1);
            sums.addi(sums.eq(0).castTo(DataType.DOUBLE));
            m = m.divColumnVector(sums);
        }
        double[][] v = m.toDoubleMatrix();
        List<String> names = new ArrayList<>();
        for (int i = 0; i < k; i++) names.add(classNames == null ? Integer.toString(i) : classNames[i]);
        // XChart puts y index 0 at the bottom; the matrix's first row belongs at the top.
        List<String> yNames = new ArrayList<>(names);
        java.util.Collections.reverse(yNames);
        List<Number[]> cells = new ArrayList<>();
        double max = 0;
        for (int i = 0; i < k; i++) {
            for (int j = 0; j < k; j++) {
                cells.add(new Number[]{j, k - 1 - i, v[i][j]});
                max = Math.max(max, v[i][j]);
            }
        }
        int size = Math.max(480, 56 * k + 220);
        HeatMapChart c = new HeatMapChartBuilder().width(size + 90).height(size)
                .title(normalize ? "Normalized confusion matrix" : "Confusion matrix")
                .xAxisTitle("Predicted label").yAxisTitle("True label").build();
        HeatMapStyler s = c.getStyler();
        s.setChartBackgroundColor(Color.WHITE);
        s.setPlotBackgroundColor(Color.WHITE);
        s.setPlotBorderVisible(false);
        s.setAxisTicksLineVisible(false);
        s.setPlotGridLinesVisible(false);
        s.setLegendPosition(Styler.LegendPosition.OutsideE);
        s.setRangeColors(new Color[]{LOW, MID, HIGH});
        s.setMin(0);
        s.setMax(normalize ? 1 : Math.max(max, 1));
        s.setShowValue(true);
        s.setValueFont(new Font(Font.SANS_SERIF, Font.PLAIN, k > 12 ? 10 : 14));
        s.setHeatMapValueDecimalPattern(normalize ? "0.00" : "0");
        boolean longNames = names.stream().anyMatch(n -> n.length() > 4);
        if (k > 4 && longNames) s.setXAxisLabelRotation(45);
        c.addSeries("confusion matrix", names, yNames, cells);
        return c;
    }
}
