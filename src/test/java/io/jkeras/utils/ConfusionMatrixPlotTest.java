package io.jkeras.utils;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

import javax.imageio.ImageIO;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.Comparator;
import java.util.HashMap;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The heat map: cells where sklearn puts them (first true class on top), darker for more samples. */
class ConfusionMatrixPlotTest {
    @TempDir
    Path dir;

    @Test
    void biggerCountsAreDarkerAndRowsRunTopDown() throws IOException {
        // From real labels through ConfusionMatrix: [[9, 3], [1, 5]].
        int[] t = new int[18], p = new int[18];
        int i = 0;
        for (int k = 0; k < 9; k++, i++) { t[i] = 0; p[i] = 0; }
        for (int k = 0; k < 3; k++, i++) { t[i] = 0; p[i] = 1; }
        for (int k = 0; k < 1; k++, i++) { t[i] = 1; p[i] = 0; }
        for (int k = 0; k < 5; k++, i++) { t[i] = 1; p[i] = 1; }
        INDArray cm = ConfusionMatrix.confusionMatrix(Nd4j.createFromArray(t), Nd4j.createFromArray(p));
        Path png = ConfusionMatrixPlot.plot(cm, new String[]{"cat", "dog"}, dir.resolve("cm.png").toString());
        BufferedImage img = ImageIO.read(png.toFile());
        var chart = ConfusionMatrixPlot.chart(cm, new String[]{"cat", "dog"}, false);
        assertThat(img.getWidth()).isEqualTo(chart.getWidth());
        assertThat(img.getHeight()).isEqualTo(chart.getHeight());

        double[][] lum = cells(img, 2, 0, 0);
        // 9 at (0,0) darkest; then 5 at (1,1); then 3 at (0,1); 1 at (1,0) lightest.
        assertThat(lum[0][0]).isLessThan(lum[1][1]);
        assertThat(lum[1][1]).isLessThan(lum[0][1]);
        assertThat(lum[0][1]).isLessThan(lum[1][0]);
    }

    @Test
    void normalizeDividesEachRowBySize() throws IOException {
        // Counts 3 and 30 off the diagonal, but each is 3/4 of its row: normalized, their cells match.
        INDArray cm = Nd4j.createFromArray(new long[][]{{1, 3}, {30, 10}});
        BufferedImage counts = ImageIO.read(ConfusionMatrixPlot.plot(cm, null, dir.resolve("c.png").toString()).toFile());
        BufferedImage norm = ImageIO.read(ConfusionMatrixPlot.plot(cm, null, dir.resolve("n.png").toString(), true).toFile());
        // The darkest cell: 30 at (1, 0); normalized, (1, 0) and (0, 1) tie and the scan meets (1, 0), the left column, first.
        double[][] c = cells(counts, 2, 1, 0), n = cells(norm, 2, 1, 0);
        assertThat(Math.abs(c[0][1] - c[1][0])).isGreaterThan(40);
        assertThat(Math.abs(n[0][1] - n[1][0])).isLessThan(2);
        assertThat(Math.abs(n[0][0] - n[1][1])).isLessThan(2);
        assertThat(n[0][1]).isLessThan(n[0][0] - 40);
    }

    @Test
    void rejectsWhatIsNotAConfusionMatrix() {
        assertThatThrownBy(() -> ConfusionMatrixPlot.plot(Nd4j.zeros(2, 3), null, dir.resolve("x.png").toString()))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("square").hasMessageContaining("(2, 3)");
        assertThatThrownBy(() -> ConfusionMatrixPlot.plot(Nd4j.zeros(3, 3), new String[]{"a", "b"}, dir.resolve("x.png").toString()))
                .hasMessageContaining("Expected 3 class names");
    }

    /**
     * The luminance of each cell, found from the image alone: the darkest blue that fills an area left of the colour
     * bar is the biggest cell's, at (darkRow, darkCol); its flood-filled extent gives the cell size and the grid's corner, and every
     * cell is sampled near its corner
     * (away from the number written in its middle).
     */
    static double[][] cells(BufferedImage img, int k, int darkRow, int darkCol) {
        int limit = img.getWidth() * 3 / 4;  // the colour bar is at the far right
        // Cells are large areas of one colour; text edges blend colours in a few pixels only. The darkest blue colour
        // that covers a large area is the biggest cell's.
        Map<Integer, Integer> counts = new HashMap<>();
        for (int x = 0; x < limit; x++) {
            for (int y = 0; y < img.getHeight(); y++) {
                int rgb = img.getRGB(x, y);
                if ((rgb & 255) - ((rgb >> 16) & 255) > 40) counts.merge(rgb, 1, Integer::sum);
            }
        }
        int target = counts.entrySet().stream().filter(e -> e.getValue() > 1000)
                .min(Comparator.comparingDouble(e -> lum(e.getKey()))).orElseThrow().getKey();
        int bx = -1, by = -1;
        for (int x = 0; x < limit && bx < 0; x++) {
            for (int y = 0; y < img.getHeight(); y++) {
                if (img.getRGB(x, y) == target) {
                    bx = x;
                    by = y;
                    break;
                }
            }
        }
        int minX = bx, maxX = bx, minY = by, maxY = by;
        boolean[][] seen = new boolean[img.getWidth()][img.getHeight()];
        ArrayDeque<int[]> q = new ArrayDeque<>();
        q.add(new int[]{bx, by});
        seen[bx][by] = true;
        while (!q.isEmpty()) {
            int[] pt = q.poll();
            minX = Math.min(minX, pt[0]); maxX = Math.max(maxX, pt[0]);
            minY = Math.min(minY, pt[1]); maxY = Math.max(maxY, pt[1]);
            for (int[] d : new int[][]{{1, 0}, {-1, 0}, {0, 1}, {0, -1}}) {
                int x = pt[0] + d[0], y = pt[1] + d[1];
                if (x >= 0 && y >= 0 && x < limit && y < img.getHeight() && !seen[x][y] && img.getRGB(x, y) == target) {
                    seen[x][y] = true;
                    q.add(new int[]{x, y});
                }
            }
        }
        int w = maxX - minX + 1, h = maxY - minY + 1;
        assertThat(w).as("cell width").isGreaterThan(40);
        assertThat(h).as("cell height").isGreaterThan(40);
        // The darkest cell is (darkRow, darkCol): the grid's corner is that many cells up and left of it.
        int x0 = minX - darkCol * w, y0 = minY - darkRow * h;
        double[][] out = new double[k][k];
        for (int r = 0; r < k; r++) {
            for (int c = 0; c < k; c++) out[r][c] = lum(img.getRGB(x0 + c * w + w / 8, y0 + r * h + h / 8));
        }
        return out;
    }

    static double lum(int rgb) {
        return 0.299 * ((rgb >> 16) & 255) + 0.587 * ((rgb >> 8) & 255) + 0.114 * (rgb & 255);
    }
}
