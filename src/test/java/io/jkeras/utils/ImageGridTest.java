package io.jkeras.utils;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

import javax.imageio.ImageIO;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;

import static io.jkeras.utils.ImageGrid.PADDING;
import static io.jkeras.utils.ImageGrid.TITLE_HEIGHT;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The image grid: layout, per-image scaling, pixels as given, titles, and the filter / feature-map layouts. */
class ImageGridTest {
    @TempDir
    Path dir;

    @Test
    void greyTilesAreScaledPerImageAndPlacedRowByRow() throws IOException {
        int n = 5, h = 7, w = 9, cols = 3;
        INDArray x = Nd4j.rand(DataType.FLOAT, n, h, w).muli(10).subi(3);
        x.get(org.nd4j.linalg.indexing.NDArrayIndex.point(4)).assign(2.5);  // a constant image comes out black
        Path png = ImageGrid.plot(x, null, cols, dir.resolve("g.png").toString());
        BufferedImage img = ImageIO.read(png.toFile());
        int s = ImageGrid.tileScale(h, w);
        assertThat(s).isEqualTo(112 / 9);
        assertThat(img.getWidth()).isEqualTo(PADDING + cols * (w * s + PADDING));
        assertThat(img.getHeight()).isEqualTo(PADDING + 2 * (h * s + PADDING));
        float[][][] v = new float[n][h][w];
        for (int i = 0; i < n; i++) for (int r = 0; r < h; r++) for (int c = 0; c < w; c++) v[i][r][c] = x.getFloat(i, r, c);
        for (int i = 0; i < n; i++) {
            float min = Float.MAX_VALUE, max = -Float.MAX_VALUE;
            for (float[] row : v[i]) for (float f : row) { min = Math.min(min, f); max = Math.max(max, f); }
            int x0 = PADDING + (i % cols) * (w * s + PADDING), y0 = PADDING + (i / cols) * (h * s + PADDING);
            for (int r = 0; r < h; r++) {
                for (int c = 0; c < w; c++) {
                    int want = max == min ? 0 : (int) Math.floor((v[i][r][c] - min) / (double) (max - min) * 255);
                    int rgb = img.getRGB(x0 + c * s + s / 2, y0 + r * s + s / 2);
                    assertThat((rgb >> 16) & 255).as("image %d (%d, %d)", i, r, c).isCloseTo(want, org.assertj.core.api.Assertions.within(1));
                    assertThat(rgb & 255).isEqualTo((rgb >> 16) & 255);  // grey
                }
            }
        }
        // The sixth slot is empty: white.
        assertThat(img.getRGB(PADDING + 2 * (w * s + PADDING) + 3, PADDING + h * s + PADDING + 3) & 0xffffff).isEqualTo(0xffffff);
    }

    @Test
    void rgbPixelsKeptAsGivenWithoutRescaleAndTitlesAboveTiles() throws IOException {
        int n = 3, h = 4, w = 4;
        INDArray x = Nd4j.rand(DataType.FLOAT, n, h, w, 3).muli(300).subi(20);  // some values outside 0..255: clipped
        Path png = ImageGrid.plot(x, new String[]{"first", null, "third"}, 2, dir.resolve("rgb.png").toString(), false);
        BufferedImage img = ImageIO.read(png.toFile());
        int s = ImageGrid.tileScale(h, w);
        assertThat(img.getHeight()).isEqualTo(PADDING + 2 * (h * s + TITLE_HEIGHT + PADDING));
        for (int i = 0; i < n; i++) {
            int x0 = PADDING + (i % 2) * (w * s + PADDING), y0 = PADDING + (i / 2) * (h * s + TITLE_HEIGHT + PADDING) + TITLE_HEIGHT;
            for (int r = 0; r < h; r++) {
                for (int c = 0; c < w; c++) {
                    int rgb = img.getRGB(x0 + c * s + s / 2, y0 + r * s + s / 2);
                    for (int ch = 0; ch < 3; ch++) {
                        int want = (int) Math.floor(Math.max(0, Math.min(255, x.getFloat(i, r, c, ch))));
                        assertThat((rgb >> (16 - 8 * ch)) & 255).as("image %d (%d, %d) channel %d", i, r, c, ch).isEqualTo(want);
                    }
                }
            }
            assertThat(darkPixels(img, x0, y0 - TITLE_HEIGHT, w * s, TITLE_HEIGHT)).as("title of %d", i).isEqualTo(i != 1);
        }
    }

    private static boolean darkPixels(BufferedImage img, int x0, int y0, int w, int h) {
        for (int x = x0; x < x0 + w; x++) for (int y = y0; y < y0 + h; y++) if ((img.getRGB(x, y) & 255) < 128) return true;
        return false;
    }

    @Test
    void filtersAndFeatureMapsInGridLayout() {
        INDArray k1 = Nd4j.rand(DataType.FLOAT, 3, 3, 1, 4);
        INDArray f1 = ImageGrid.filters(k1);
        assertThat(f1.shape()).containsExactly(4, 3, 3, 1);
        assertThat(f1.getFloat(2, 1, 0, 0)).isEqualTo(k1.getFloat(1, 0, 0, 2));
        INDArray k2 = Nd4j.rand(DataType.FLOAT, 3, 2, 5, 4);
        INDArray f2 = ImageGrid.filters(k2);
        assertThat(f2.shape()).containsExactly(20, 3, 2);
        assertThat(f2.getFloat(3 * 5 + 2, 2, 1)).isEqualTo(k2.getFloat(2, 1, 2, 3));  // filter 3, input channel 2

        INDArray a = Nd4j.rand(DataType.FLOAT, 1, 5, 6, 3);
        INDArray m = ImageGrid.featureMaps(a);
        assertThat(m.shape()).containsExactly(3, 5, 6);
        assertThat(m.getFloat(2, 4, 1)).isEqualTo(a.getFloat(0, 4, 1, 2));
    }

    @Test
    void errorsSayWhatWasExpected() {
        assertThatThrownBy(() -> ImageGrid.plot(Nd4j.zeros(2, 4, 4, 2), null, 2, dir.resolve("x.png").toString()))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("(N, H, W, 3)").hasMessageContaining("(2, 4, 4, 2)");
        assertThatThrownBy(() -> ImageGrid.plot(Nd4j.zeros(2, 4, 4), new String[3], 2, dir.resolve("x.png").toString()))
                .hasMessageContaining("3 titles for 2 images");
        assertThatThrownBy(() -> ImageGrid.plot(Nd4j.zeros(2, 4, 4), null, 0, dir.resolve("x.png").toString()))
                .hasMessageContaining("cols must be positive");
    }
}
