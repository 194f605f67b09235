package io.jkeras.utils;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

/** Keras's image helpers: arrays are (height, width, channels) float32 in [0, 255]; PNG is lossless, JPEG close. */
class ImageUtilsTest {
    @TempDir
    Path dir;

    static INDArray pattern(int h, int w) {
        // Distinct, known pixel values: R = 10 i, G = 7 j, B = 255 - 10 i.
        INDArray x = Nd4j.zeros(DataType.FLOAT, h, w, 3);
        for (int i = 0; i < h; i++) {
            for (int j = 0; j < w; j++) {
                x.putScalar(new long[]{i, j, 0}, 10 * i);
                x.putScalar(new long[]{i, j, 1}, 7 * j);
                x.putScalar(new long[]{i, j, 2}, 255 - 10 * i);
            }
        }
        return x;
    }

    @Test
    void pngRoundTripIsExactAndHwc() throws IOException {
        INDArray x = pattern(6, 9);
        Path png = dir.resolve("p.png");
        ImageUtils.saveImg(png.toString(), x, null, false);
        BufferedImage img = ImageUtils.loadImg(png.toString());
        assertThat(img.getWidth()).isEqualTo(9);
        assertThat(img.getHeight()).isEqualTo(6);
        INDArray back = ImageUtils.imgToArray(img);
        assertThat(back.dataType()).isEqualTo(DataType.FLOAT);
        assertThat(back.shape()).containsExactly(6, 9, 3);
        assertThat(back).isEqualTo(x);
        assertThat(img.getRGB(8, 5) & 0xffffff).isEqualTo((50 << 16) | (56 << 8) | 205); // (row 5, column 8)
    }

    @Test
    void jpegRoundTripIsClose() throws IOException {
        INDArray x = Nd4j.zeros(DataType.FLOAT, 16, 16, 3).addi(Nd4j.createFromArray(200f, 100f, 50f));
        Path jpg = dir.resolve("p.jpg");
        ImageUtils.saveImg(jpg.toString(), x, null, false);
        assertThat(Files.size(jpg)).isPositive();
        INDArray back = ImageUtils.imgToArray(ImageUtils.loadImg(jpg.toString()));
        assertThat(back.sub(x).amaxNumber().doubleValue()).isLessThan(6.0);
    }

    @Test
    void targetSizeColorModesAndScaling() throws IOException {
        Path png = dir.resolve("q.png");
        ImageUtils.saveImg(png.toString(), pattern(4, 4), null, false);
        BufferedImage big = ImageUtils.loadImg(png.toString(), new int[]{8, 12}, "rgb", "nearest");
        INDArray b = ImageUtils.imgToArray(big);
        assertThat(b.shape()).containsExactly(8, 12, 3);
        assertThat(b.getDouble(7, 11, 0)).isEqualTo(30.0); // the last source row (i = 3), nearest neighbour
        assertThat(ImageUtils.imgToArray(ImageUtils.loadImg(png.toString(), null, "grayscale", "nearest")).shape()).containsExactly(4, 4, 1);
        assertThat(ImageUtils.imgToArray(ImageUtils.loadImg(png.toString(), null, "rgba", "nearest")).shape()).containsExactly(4, 4, 4);
        // array_to_img scales min..max to 0..255, as Keras.
        INDArray small = Nd4j.createFromArray(new float[]{-1, 0, 1, 3}).reshape(2, 2, 1);
        INDArray scaled = ImageUtils.imgToArray(ImageUtils.arrayToImg(small));
        assertThat(scaled.ravel().toDoubleVector()).containsExactly(new double[]{0, 63, 127, 255}, within(0.0));
        assertThatThrownBy(() -> ImageUtils.arrayToImg(Nd4j.zeros(2, 2))).hasMessageContaining("Expected image array to have rank 3");
        assertThatThrownBy(() -> ImageUtils.loadImg(dir.resolve("none.png").toString())).isInstanceOf(IOException.class);
        Path notImage = Files.writeString(dir.resolve("x.png"), "hello");
        assertThatThrownBy(() -> ImageUtils.loadImg(notImage.toString())).isInstanceOf(IOException.class).hasMessageContaining("not an image");
        assertThatThrownBy(() -> ImageUtils.loadImg(png.toString(), null, "cmyk", "nearest")).hasMessageContaining("color_mode");
    }
}
