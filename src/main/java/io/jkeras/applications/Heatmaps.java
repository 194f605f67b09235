package io.jkeras.applications;

import io.jkeras.utils.ImageUtils;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.ops.transforms.Transforms;

import java.awt.image.BufferedImage;
import java.io.IOException;

/**
 * Heat maps over images, as Keras's Grad-CAM example draws them: the map (values in [0, 1]) as 8-bit levels,
 * colored with matplotlib's "jet" colormap, resized to the image (bilinear), and added to the image with weight
 * {@code alpha}; the sum is rescaled to [0, 255] when saved ({@code save_img}'s default).
 *
 * <pre>{@code
 * jshell> Heatmaps.save("cam.png", ImageUtils.imgToArray(img), GradCam.heatmap(model, x, 281, "block5_conv3"), 0.4);
 * }</pre>
 */
public final class Heatmaps {
    private Heatmaps() {
    }

    /** matplotlib's jet of a {@code (h, w)} map in [0, 1]: a {@code (h, w, 3)} array in [0, 1]. */
    public static INDArray jet(INDArray map) {
        INDArray levels = Transforms.floor(map.castTo(DataType.FLOAT).mul(255), false).divi(255);
        INDArray rgb = Nd4j.createUninitialized(DataType.FLOAT, map.size(0), map.size(1), 3);
        // jet is piecewise linear: each channel is 1.5 - |4x - c| clipped to [0, 1], c = 3 (red), 2 (green), 1 (blue).
        double[] centre = {3, 2, 1};
        for (int c = 0; c < 3; c++) {
            INDArray ch = Transforms.abs(levels.mul(4).subi(centre[c]), false).rsubi(1.5);
            rgb.get(org.nd4j.linalg.indexing.NDArrayIndex.all(), org.nd4j.linalg.indexing.NDArrayIndex.all(),
                    org.nd4j.linalg.indexing.NDArrayIndex.point(c)).assign(Transforms.min(Transforms.max(ch, 0.0, false), 1.0, false));
        }
        return rgb;
    }

    /**
     * The image with the colored map over it: {@code image + alpha · 255 · jet(map)} resized to the image;
     * {@code (H, W, 3)}, not rescaled.
     *
     * @param image {@code (H, W, 3)} with values in [0, 255] (as {@code ImageUtils.imgToArray} gives)
     */
    public static INDArray overlay(INDArray image, INDArray map, double alpha) {
        int height = (int) image.size(0);
        int width = (int) image.size(1);
        BufferedImage colored = ImageUtils.arrayToImg(jet(map).muli(255), false);
        INDArray resized = ImageUtils.imgToArray(ImageUtils.resize(colored, width, height, "bilinear"));
        return resized.muli(alpha).addi(image.castTo(DataType.FLOAT));
    }

    /** Saves {@link #overlay} as an image file (PNG or JPEG by extension), rescaled to [0, 255] as Keras's {@code save_img}. */
    public static void save(String path, INDArray image, INDArray map, double alpha) throws IOException {
        ImageUtils.saveImg(path, overlay(image, map, alpha));
    }
}
