package io.jkeras.utils;

import io.jkeras.Shape;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;
import org.nd4j.linalg.ops.transforms.Transforms;

import java.awt.Color;
import java.awt.Font;
import java.awt.FontMetrics;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;

/**
 * A grid of images with optional titles, as the course draws samples, conv filters and feature maps with
 * matplotlib's {@code subplot} + {@code imshow}: written as PNG and shown in the terminal where it can
 * ({@link Terminal}).
 *
 * <p>Input: {@code (N, H, W)} or {@code (N, H, W, 1)} (grey) or {@code (N, H, W, 3)} (RGB). By default each image is
 * scaled on its own so that its minimum is black and its maximum white (as {@code imshow} does); with
 * {@code rescale=false} values are taken as 0..255 pixels (clipped). Tiles are enlarged by the integer factor
 * {@link #tileScale} so that small images stay visible, {@value #PADDING} pixels apart on white, with a
 * {@value #TITLE_HEIGHT}-pixel title strip above each tile when titles are given.
 *
 * <pre>{@code
 * jshell> TrainTest d = FashionMnist.loadData();
 * jshell> ImageGrid.plot(d.xTrain().get(NDArrayIndex.interval(0, 25)), null, 5, "samples.png")
 * jshell> ImageGrid.plot(ImageGrid.filters(conv.getWeights().get(0)), null, 8, "filters.png")
 * jshell> ImageGrid.plot(ImageGrid.featureMaps(activations), null, 8, "maps.png")
 * }</pre>
 */
public final class ImageGrid {
    /** Pixels between tiles and around the grid. */
    public static final int PADDING = 6;
    /** Height of the title strip above each tile, when there are titles. */
    public static final int TITLE_HEIGHT = 18;

    private ImageGrid() {
    }

    /** The grid of {@code images} in {@code cols} columns, each image scaled to 0..255 on its own; {@code titles} may be null. */
    public static Path plot(INDArray images, String[] titles, int cols, String path) throws IOException {
        return plot(images, titles, cols, path, true);
    }

    /** As {@link #plot(INDArray, String[], int, String)}; with {@code rescale=false} values are 0..255 pixels as they are. */
    public static Path plot(INDArray images, String[] titles, int cols, String path, boolean rescale) throws IOException {
        PlotFiles.requirePng(path);
        return PlotFiles.writePng(path, render(images, titles, cols, rescale));
    }

    /** The grid as an image (RGB, white background). */
    public static BufferedImage render(INDArray images, String[] titles, int cols, boolean rescale) {
        PlotFiles.headless();
        INDArray x = asNhwc(images);
        int n = (int) x.size(0), h = (int) x.size(1), w = (int) x.size(2);
        if (cols <= 0) throw new IllegalArgumentException("cols must be positive. Received: cols=" + cols);
        if (titles != null && titles.length > n) {
            throw new IllegalArgumentException("Received " + titles.length + " titles for " + n + " images");
        }
        INDArray pixels = scaled(x, rescale);
        if (pixels.size(3) == 1) pixels = Nd4j.concat(3, pixels, pixels, pixels);  // grey tiles drawn as RGB: no colour-space change
        int c = Math.min(cols, n), rows = (n + c - 1) / c, scale = tileScale(h, w);
        int tw = w * scale, th = h * scale, titleH = titles == null ? 0 : TITLE_HEIGHT;
        BufferedImage out = new BufferedImage(PADDING + c * (tw + PADDING), PADDING + rows * (th + titleH + PADDING), BufferedImage.TYPE_INT_RGB);
        Graphics2D g = out.createGraphics();
        g.setColor(Color.WHITE);
        g.fillRect(0, 0, out.getWidth(), out.getHeight());
        g.setRenderingHint(RenderingHints.KEY_INTERPOLATION, RenderingHints.VALUE_INTERPOLATION_NEAREST_NEIGHBOR);
        g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
        g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 12));
        FontMetrics fm = g.getFontMetrics();
        for (int i = 0; i < n; i++) {
            int x0 = PADDING + (i % c) * (tw + PADDING), y0 = PADDING + (i / c) * (th + titleH + PADDING) + titleH;
            g.drawImage(ImageUtils.arrayToImg(pixels.get(NDArrayIndex.point(i)), false), x0, y0, tw, th, null);
            if (titles != null && i < titles.length && titles[i] != null) {
                String t = titles[i];
                while (t.length() > 1 && fm.stringWidth(t) > tw) t = t.substring(0, t.length() - 1);
                g.setColor(Color.BLACK);
                g.drawString(t, x0 + (tw - fm.stringWidth(t)) / 2, y0 - 4);
            }
        }
        g.dispose();
        return out;
    }

    /** The integer enlargement of an {@code h x w} tile: small images grow to about 112 pixels, large ones stay as they are. */
    public static int tileScale(int h, int w) {
        return Math.max(1, 112 / Math.max(h, w));
    }

    /**
     * A Conv2D kernel {@code (kh, kw, in, out)} as images: {@code (out, kh, kw, in)} when {@code in} is 1 or 3 (one
     * tile per filter), otherwise {@code (out * in, kh, kw)}, one tile per filter and input channel, filter by filter.
     */
    public static INDArray filters(INDArray kernel) {
        if (kernel.rank() != 4) {
            throw new IllegalArgumentException("Expected a Conv2D kernel of shape (kh, kw, in, out). Received shape: " + Shape.ofArray(kernel.shape()));
        }
        INDArray f = kernel.permute(3, 0, 1, 2).dup('c');
        long in = kernel.size(2);
        return in == 1 || in == 3 ? f : f.permute(0, 3, 1, 2).dup('c').reshape('c', f.size(0) * in, kernel.size(0), kernel.size(1));
    }

    /** A channels-last activation {@code (1, H, W, C)} or {@code (H, W, C)} as {@code C} grey images {@code (C, H, W)}. */
    public static INDArray featureMaps(INDArray activation) {
        INDArray a = activation;
        if (a.rank() == 4 && a.size(0) == 1) a = a.reshape(a.size(1), a.size(2), a.size(3));
        if (a.rank() != 3) {
            throw new IllegalArgumentException("Expected one feature map, (1, H, W, C) or (H, W, C). Received shape: " + Shape.ofArray(activation.shape()));
        }
        return a.permute(2, 0, 1).dup('c');
    }

    private static INDArray asNhwc(INDArray images) {
        long[] s = images.shape();
        if (images.rank() == 3) return images.reshape('c', s[0], s[1], s[2], 1);
        if (images.rank() == 4 && (s[3] == 1 || s[3] == 3)) return images;
        throw new IllegalArgumentException("Expected images of shape (N, H, W), (N, H, W, 1) or (N, H, W, 3). Received shape: "
                + Shape.ofArray(s));
    }

    /** Each image shifted and scaled to 0..255 (a constant image becomes black), or clipped to 0..255 as it is. */
    private static INDArray scaled(INDArray x, boolean rescale) {
        long n = x.size(0);
        INDArray flat = x.castTo(DataType.DOUBLE).reshape('c', n, x.length() / n);
        if (rescale) {
            INDArray min = flat.min(true, 1);
            INDArray range = flat.max(true, 1).subi(min);
            range.addi(range.eq(0).castTo(DataType.DOUBLE));
            flat = flat.subColumnVector(min).divColumnVector(range).muli(255);
        }
        return Transforms.min(Transforms.max(flat, 0.0, true), 255.0, false).reshape('c', x.shape());
    }
}
