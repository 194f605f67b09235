package io.jkeras.utils;

import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.ops.transforms.Transforms;

import javax.imageio.ImageIO;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

/**
 * Keras's image helpers ({@code keras.utils.load_img}, {@code img_to_array}, {@code array_to_img},
 * {@code save_img}) over the JDK's {@code javax.imageio} (JPEG, PNG, BMP, GIF): images are
 * {@link BufferedImage}s where Keras has PIL images, and arrays are float32 {@code (height, width, channels)},
 * channels last, values in [0, 255], as Keras's.
 *
 * <pre>{@code
 * jshell> BufferedImage img = ImageUtils.loadImg("cat.jpg", new int[]{224, 224});
 * jshell> INDArray x = ImageUtils.imgToArray(img);          // (224, 224, 3), 0..255
 * jshell> ImageUtils.saveImg("copy.png", x);
 * }</pre>
 */
public final class ImageUtils {
    private ImageUtils() {
    }

    /** {@code load_img(path)}: the image at its own size, as RGB. */
    public static BufferedImage loadImg(String path) throws IOException {
        return loadImg(path, null, "rgb", "nearest");
    }

    /** {@code load_img(path, target_size=(h, w))}: resized with nearest-neighbour interpolation, as RGB. */
    public static BufferedImage loadImg(String path, int[] targetSize) throws IOException {
        return loadImg(path, targetSize, "rgb", "nearest");
    }

    /**
     * Loads an image, as Keras's {@code load_img}.
     *
     * @param targetSize {@code {height, width}}, or {@code null} for the image's own size
     * @param colorMode {@code "rgb"}, {@code "rgba"} or {@code "grayscale"}
     * @param interpolation {@code "nearest"}, {@code "bilinear"} or {@code "bicubic"} (when resizing)
     * @throws IOException if the file is missing or not an image the JDK can read
     */
    public static BufferedImage loadImg(String path, int[] targetSize, String colorMode, String interpolation) throws IOException {
        Path p = Path.of(path);
        if (!Files.isRegularFile(p)) throw new IOException("No such file: " + path);
        BufferedImage img = ImageIO.read(p.toFile());
        if (img == null) throw new IOException(path + ": not an image that javax.imageio can read (JPEG, PNG, BMP, GIF)");
        int type = switch (colorMode) {
            case "rgb" -> BufferedImage.TYPE_INT_RGB;
            case "rgba" -> BufferedImage.TYPE_INT_ARGB;
            case "grayscale" -> BufferedImage.TYPE_BYTE_GRAY;
            default -> throw new IllegalArgumentException("color_mode must be \"grayscale\", \"rgb\", or \"rgba\"");
        };
        int w = img.getWidth();
        int h = img.getHeight();
        if (targetSize != null) {
            if (targetSize.length != 2) throw new IllegalArgumentException("target_size must be (height, width). Received: " + targetSize.length + " values");
            h = targetSize[0];
            w = targetSize[1];
        }
        return convert(img, type, w, h, interpolation);
    }

    /** Resizes (and converts) an image with the given interpolation. */
    public static BufferedImage resize(BufferedImage img, int width, int height, String interpolation) {
        int type = img.getType() == BufferedImage.TYPE_CUSTOM ? BufferedImage.TYPE_INT_ARGB : img.getType();
        return convert(img, type, width, height, interpolation);
    }

    private static BufferedImage convert(BufferedImage img, int type, int w, int h, String interpolation) {
        if (img.getType() == type && img.getWidth() == w && img.getHeight() == h) return img;
        Object hint = switch (interpolation) {
            case "nearest" -> RenderingHints.VALUE_INTERPOLATION_NEAREST_NEIGHBOR;
            case "bilinear" -> RenderingHints.VALUE_INTERPOLATION_BILINEAR;
            case "bicubic" -> RenderingHints.VALUE_INTERPOLATION_BICUBIC;
            default -> throw new IllegalArgumentException("Invalid interpolation method " + interpolation
                    + " specified. Supported methods are nearest, bilinear, bicubic");
        };
        BufferedImage out = new BufferedImage(w, h, type);
        Graphics2D g = out.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_INTERPOLATION, hint);
        g.drawImage(img, 0, 0, w, h, null);
        g.dispose();
        return out;
    }

    /** {@code img_to_array}: a float32 {@code (height, width, channels)} array (3 for RGB, 4 RGBA, 1 grayscale). */
    public static INDArray imgToArray(BufferedImage img) {
        int c = img.getRaster().getNumBands();
        int[] pixels = img.getRaster().getPixels(0, 0, img.getWidth(), img.getHeight(), (int[]) null);
        return Nd4j.createFromArray(pixels).castTo(DataType.FLOAT).reshape('c', new long[]{img.getHeight(), img.getWidth(), c});
    }

    /** {@code array_to_img(x)}: rescaled so that its minimum is 0 and its maximum 255. */
    public static BufferedImage arrayToImg(INDArray x) {
        return arrayToImg(x, true);
    }

    /**
     * {@code array_to_img}: an image from a {@code (height, width, channels)} array, 1 (grayscale), 3 (RGB) or 4
     * (RGBA) channels; with {@code scale}, first shifted and scaled to [0, 255] as Keras does.
     */
    public static BufferedImage arrayToImg(INDArray x, boolean scale) {
        if (x.rank() != 3) {
            throw new IllegalArgumentException("Expected image array to have rank 3 (single image). Got array with shape: "
                    + io.jkeras.Shape.ofArray(x.shape()));
        }
        int h = (int) x.size(0);
        int w = (int) x.size(1);
        int c = (int) x.size(2);
        int type = switch (c) {
            case 1 -> BufferedImage.TYPE_BYTE_GRAY;
            case 3 -> BufferedImage.TYPE_INT_RGB;
            case 4 -> BufferedImage.TYPE_INT_ARGB;
            default -> throw new IllegalArgumentException("Unsupported channel number: " + c);
        };
        INDArray v = x.castTo(DataType.DOUBLE);
        if (scale) {
            v = v.sub(v.minNumber());
            double max = v.maxNumber().doubleValue();
            if (max != 0) v.divi(max);
            v.muli(255);
        }
        // numpy's astype("uint8") truncates; values outside [0, 255] are clipped here rather than wrapped.
        INDArray clipped = Transforms.min(Transforms.max(Transforms.floor(v.reshape('c', new long[]{(long) h * w * c}), true), 0.0, false), 255.0, false);
        int[] pixels = clipped.castTo(DataType.INT32).toIntVector();
        BufferedImage img = new BufferedImage(w, h, type);
        img.getRaster().setPixels(0, 0, w, h, pixels);
        return img;
    }

    /** {@code save_img(path, x)}: the format from the extension ({@code .png}, {@code .jpg}), values rescaled to [0, 255]. */
    public static void saveImg(String path, INDArray x) throws IOException {
        saveImg(path, x, null, true);
    }

    /**
     * {@code save_img}: writes a {@code (height, width, channels)} array as an image file.
     *
     * @param fileFormat {@code "png"}, {@code "jpeg"} ({@code "jpg"}), ... or {@code null} for the file's extension
     * @param scale whether to rescale the values to [0, 255] first
     */
    public static void saveImg(String path, INDArray x, String fileFormat, boolean scale) throws IOException {
        String format = fileFormat;
        if (format == null) {
            int dot = path.lastIndexOf('.');
            if (dot < 0) throw new IllegalArgumentException("Cannot tell the image format of " + path + ": give it an extension or a fileFormat.");
            format = path.substring(dot + 1);
        }
        format = format.toLowerCase(Locale.ROOT);
        if (format.equals("jpg")) format = "jpeg";
        BufferedImage img = arrayToImg(x, scale);
        if (format.equals("jpeg") && img.getType() == BufferedImage.TYPE_INT_ARGB) {
            // JPEG has no alpha channel: Keras warns and converts to RGB.
            img = convert(img, BufferedImage.TYPE_INT_RGB, img.getWidth(), img.getHeight(), "nearest");
        }
        Path p = Path.of(path);
        if (p.getParent() != null) Files.createDirectories(p.getParent());
        if (!ImageIO.write(img, format, p.toFile())) {
            throw new IOException("javax.imageio has no writer for the format \"" + format + "\" (" + path + ")");
        }
    }
}
