package io.jkeras.utils;

import io.jkeras.callbacks.History;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import javax.imageio.ImageIO;
import java.awt.Color;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The course's training curves: panels, colours, direction of the curves, and which values are chosen. */
class HistoryPlotTest {
    @TempDir
    Path dir;

    /** A History as fit records it: loss falling, accuracy rising, validation a little worse. */
    static History history(int epochs, boolean withVal, String metric) {
        History h = new History();
        for (int e = 0; e < epochs; e++) {
            Map<String, Double> logs = new LinkedHashMap<>();
            logs.put("loss", 2.0 / (e + 1));
            if (metric != null) logs.put(metric, 1 - 0.6 / (e + 1));
            if (withVal) {
                logs.put("val_loss", 2.4 / (e + 1) + 0.02 * e);
                if (metric != null) logs.put("val_" + metric, 0.9 - 0.6 / (e + 1));
            }
            h.onEpochEnd(e, logs);
        }
        return h;
    }

    @Test
    void twoPanelsWithTrainAndValidationInTheirColours() throws IOException {
        Path p = HistoryPlot.plot(history(10, true, "accuracy"), dir.resolve("h.png").toString());
        assertThat(p).isEqualTo(dir.resolve("h.png").toAbsolutePath());
        BufferedImage img = ImageIO.read(p.toFile());
        assertThat(img.getWidth()).isEqualTo(2 * HistoryPlot.PANEL_WIDTH);
        assertThat(img.getHeight()).isEqualTo(HistoryPlot.PANEL_HEIGHT);
        for (int panel = 0; panel < 2; panel++) {
            int x0 = panel * HistoryPlot.PANEL_WIDTH;
            assertThat(count(img, x0, HistoryPlot.TRAIN_COLOR)).as("training pixels, panel %d", panel).isGreaterThan(200);
            assertThat(count(img, x0, HistoryPlot.VAL_COLOR)).as("validation pixels, panel %d", panel).isGreaterThan(200);
        }
        // Loss falls (its line sits lower on the right), accuracy rises: compare the left and middle thirds of each
        // panel (the legend lives in the right third).
        assertThat(meanY(img, 0, 0, HistoryPlot.TRAIN_COLOR)).isLessThan(meanY(img, 0, 1, HistoryPlot.TRAIN_COLOR) - 20);
        int right = HistoryPlot.PANEL_WIDTH;
        assertThat(meanY(img, right, 0, HistoryPlot.TRAIN_COLOR)).isGreaterThan(meanY(img, right, 1, HistoryPlot.TRAIN_COLOR) + 20);
    }

    @Test
    void withoutValidationThereIsNoValidationColour() throws IOException {
        BufferedImage img = ImageIO.read(HistoryPlot.plot(history(6, false, "accuracy"), dir.resolve("t.png").toString()).toFile());
        assertThat(count(img, 0, HistoryPlot.TRAIN_COLOR)).isGreaterThan(200);
        assertThat(count(img, 0, HistoryPlot.VAL_COLOR) + count(img, HistoryPlot.PANEL_WIDTH, HistoryPlot.VAL_COLOR)).isZero();
    }

    @Test
    void onlyLossGivesOnePanel() throws IOException {
        BufferedImage img = ImageIO.read(HistoryPlot.plot(history(4, true, null), dir.resolve("l.png").toString()).toFile());
        assertThat(img.getWidth()).isEqualTo(HistoryPlot.PANEL_WIDTH);
        assertThat(count(img, 0, HistoryPlot.VAL_COLOR)).isGreaterThan(100);
    }

    @Test
    void epochsCountFromOneAndFollowInitialEpoch() {
        History h = new History();
        h.onEpochEnd(5, Map.of("loss", 1.0));
        h.onEpochEnd(6, Map.of("loss", 0.5));
        var chart = HistoryPlot.charts(h, "loss").get(0);
        assertThat(chart.getSeriesMap().get("Training loss").getXData()).containsExactly(6.0, 7.0);
        assertThat(chart.getSeriesMap().get("Training loss").getYData()).containsExactly(1.0, 0.5);
    }

    @Test
    void choosesLossAndAccuracyOrTheFirstMetric() {
        Map<String, List<Double>> h = new LinkedHashMap<>();
        h.put("loss", List.of(1.0));
        h.put("learning_rate", List.of(0.01));
        h.put("mae", List.of(0.3));
        h.put("val_loss", List.of(1.0));
        assertThat(HistoryPlot.defaultKeys(h)).containsExactly("loss", "mae");
        h.put("acc", List.of(0.5));
        assertThat(HistoryPlot.defaultKeys(h)).containsExactly("loss", "acc");
        h.put("accuracy", List.of(0.5));
        assertThat(HistoryPlot.defaultKeys(h)).containsExactly("loss", "accuracy");
    }

    @Test
    void errorsNameWhatWasRecorded() {
        assertThatThrownBy(() -> HistoryPlot.plot(history(2, false, "accuracy"), dir.resolve("x.png").toString(), "auc"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("No \"auc\"").hasMessageContaining("accuracy");
        assertThatThrownBy(() -> HistoryPlot.plot(new History(), dir.resolve("x.png").toString()))
                .hasMessageContaining("History is empty");
        assertThatThrownBy(() -> HistoryPlot.plot(history(2, false, null), dir.resolve("x.jpg").toString()))
                .hasMessageContaining(".png");
    }

    static boolean near(int rgb, Color c) {
        int r = (rgb >> 16) & 255, g = (rgb >> 8) & 255, b = rgb & 255;
        return Math.abs(r - c.getRed()) + Math.abs(g - c.getGreen()) + Math.abs(b - c.getBlue()) < 30;
    }

    private static int count(BufferedImage img, int x0, Color c) {
        int n = 0;
        for (int x = x0; x < Math.min(img.getWidth(), x0 + HistoryPlot.PANEL_WIDTH); x++) {
            for (int y = 0; y < img.getHeight(); y++) if (near(img.getRGB(x, y), c)) n++;
        }
        return n;
    }

    /** Mean row of the pixels of colour c in third {@code third} (0 left, 1 middle) of the panel starting at x0. */
    private static double meanY(BufferedImage img, int x0, int third, Color c) {
        int w = HistoryPlot.PANEL_WIDTH / 3;
        long sum = 0, n = 0;
        for (int x = x0 + third * w; x < x0 + (third + 1) * w; x++) {
            for (int y = 0; y < img.getHeight(); y++) {
                if (near(img.getRGB(x, y), c)) {
                    sum += y;
                    n++;
                }
            }
        }
        assertThat(n).isPositive();
        return (double) sum / n;
    }
}
