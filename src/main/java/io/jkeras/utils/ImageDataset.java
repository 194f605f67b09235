package io.jkeras.utils;

import io.jkeras.Keras;
import io.jkeras.data.Batch;
import io.jkeras.data.BatchSource;
import io.jkeras.layers.preprocessing.ImageResize;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;

import javax.imageio.ImageIO;
import java.awt.AlphaComposite;
import java.awt.Graphics2D;
import java.awt.color.ColorSpace;
import java.awt.image.ComponentColorModel;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.NoSuchElementException;
import java.util.Random;
import java.util.stream.Stream;

/**
 * A labelled image data set read from a directory, as Keras's {@code keras.utils.image_dataset_from_directory}:
 * a {@link BatchSource} that {@code model.fit} accepts.
 *
 * <p>Each sub-directory of {@code dir} is a class, named by the directory, in alphabetical order (label 0 first);
 * its images ({@code .bmp .gif .jpeg .jpg .png}, sub-directories included, in sorted order) are decoded with
 * {@code javax.imageio}, converted to {@code colorMode} ({@code "rgb"} default, {@code "grayscale"} by the weights
 * 0.2989, 0.5870, 0.1140 of {@code tf.image.rgb_to_grayscale}, or {@code "rgba"}) and resized to {@code imageSize}
 * ({@code "bilinear"} by default, as {@code Resizing}: ND4J's native resize with TensorFlow's half-pixel
 * centers). Batches are {@code (batch, height, width, channels)} float32 in [0, 255], read from disk as they are
 * needed. Labels ({@code labelMode}): {@code "int"} (int32 {@code (batch,)}), {@code "categorical"} (one-hot
 * float32), {@code "binary"} (float32 {@code (batch, 1)}, two classes only) or {@code null} (no labels).
 *
 * <p>{@code shuffle}: the file list is shuffled once (before a validation split) by {@code new Random(seed)} (a seed
 * is drawn from {@link Keras#random()} when {@code null}), and batches are drawn in a new order every epoch; the
 * order differs from TensorFlow's. {@code validationSplit} with {@code subset} {@code "training"} or
 * {@code "validation"}: the last {@code int(validationSplit * n)} files of the shuffled list are the validation
 * subset, the others the training one; use the same seed for both calls.
 *
 * <pre>{@code
 * jshell> var train = ImageDataset.imageDatasetFromDirectory(Path.of("flowers"), "int", new int[]{180, 180}, 32, true, 123L, 0.2, "training");
 * Found 3670 files belonging to 5 classes.
 * Using 2936 files for training.
 * jshell> train.classNames()
 * $2 ==> [daisy, dandelion, roses, sunflowers, tulips]
 * jshell> model.fit(train, FitOptions.epochs(10));
 * }</pre>
 */
public final class ImageDataset implements BatchSource {
    private static final List<String> FORMATS = List.of(".bmp", ".gif", ".jpeg", ".jpg", ".png");
    private static final List<String> LABEL_MODES = Arrays.asList("int", "categorical", "binary", null);

    private final List<Path> files;
    private final int[] labels;
    private final List<String> classNames;
    private final String labelMode;
    private final int height;
    private final int width;
    private final int batchSize;
    private final boolean shuffle;
    private final Random epochOrder;
    private String colorMode = "rgb";
    private String interpolation = "bilinear";

    private ImageDataset(List<Path> files, int[] labels, List<String> classNames, String labelMode, int[] imageSize,
                         int batchSize, boolean shuffle, long seed) {
        this.files = files;
        this.labels = labels;
        this.classNames = classNames;
        this.labelMode = labelMode;
        this.height = imageSize[0];
        this.width = imageSize[1];
        this.batchSize = batchSize;
        this.shuffle = shuffle;
        this.epochOrder = new Random(seed + 1);
    }

    /**
     * Scans {@code dir} and returns the data set (or its training or validation subset).
     *
     * @param dir a directory with one sub-directory of images per class
     * @param labelMode {@code "int"}, {@code "categorical"}, {@code "binary"} or {@code null}
     * @param imageSize {@code {height, width}} of the batches' images
     * @param batchSize images per batch
     * @param shuffle shuffle the files (and each epoch's batches)
     * @param seed the shuffle's seed, or {@code null}
     * @param validationSplit the fraction kept for validation, or {@code null}
     * @param subset {@code "training"} or {@code "validation"} with a split, else {@code null}
     */
    public static ImageDataset imageDatasetFromDirectory(Path dir, String labelMode, int[] imageSize, int batchSize,
                                                         boolean shuffle, Long seed, Double validationSplit, String subset) {
        if (!LABEL_MODES.contains(labelMode)) {
            throw new IllegalArgumentException("`label_mode` argument must be one of \"int\", \"categorical\", \"binary\", or None. "
                    + "Received: label_mode=" + labelMode);
        }
        if (imageSize == null || imageSize.length != 2 || imageSize[0] <= 0 || imageSize[1] <= 0) {
            throw new IllegalArgumentException("`image_size` must be (height, width) with positive sizes. Received: image_size="
                    + Arrays.toString(imageSize));
        }
        if (batchSize <= 0) throw new IllegalArgumentException("batch_size must be a positive integer. Received: batch_size=" + batchSize);
        checkSplit(validationSplit, subset, shuffle, seed);
        if (!Files.isDirectory(dir)) throw new IllegalArgumentException("Directory not found: " + dir);
        List<String> classes = new ArrayList<>();
        List<Path> files = new ArrayList<>();
        List<Integer> labels = new ArrayList<>();
        try (Stream<Path> subdirs = Files.list(dir)) {
            subdirs.filter(Files::isDirectory).map(p -> p.getFileName().toString()).sorted().forEach(classes::add);
            for (int c = 0; c < classes.size(); c++) {
                for (Path f : images(dir.resolve(classes.get(c)))) {
                    files.add(f);
                    labels.add(c);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot list the images of " + dir + ": " + e.getMessage(), e);
        }
        if (labelMode != null && labelMode.equals("binary") && classes.size() != 2) {
            throw new IllegalArgumentException("When passing `label_mode=\"binary\"`, there must be exactly 2 class_names. Received: "
                    + "class_names=" + classes);
        }
        System.out.println("Found " + files.size() + " files belonging to " + classes.size() + " classes.");
        long s = seed != null ? seed : Keras.random().nextInt(1_000_000);
        int[] order = new int[files.size()];
        for (int i = 0; i < order.length; i++) order[i] = i;
        if (shuffle) shuffleInPlace(order, new Random(s));
        int n = order.length, from = 0, to = n;
        if (validationSplit != null) {
            int nVal = (int) (validationSplit * n);
            if (subset.equals("training")) {
                to = n - nVal;
                System.out.println("Using " + (n - nVal) + " files for training.");
            } else {
                from = n - nVal;
                System.out.println("Using " + nVal + " files for validation.");
            }
        }
        List<Path> picked = new ArrayList<>();
        int[] pickedLabels = new int[to - from];
        for (int i = from; i < to; i++) {
            picked.add(files.get(order[i]));
            pickedLabels[i - from] = labels.get(order[i]);
        }
        if (picked.isEmpty()) {
            throw new IllegalArgumentException("No images found in directory " + dir + ". Allowed formats: " + FORMATS);
        }
        return new ImageDataset(picked, pickedLabels, List.copyOf(classes), labelMode, imageSize, batchSize, shuffle, s);
    }

    private static void checkSplit(Double split, String subset, boolean shuffle, Long seed) {
        if (split == null) {
            if (subset != null) throw new IllegalArgumentException("`subset` can only be set if `validation_split` is set. Received: subset=" + subset);
            return;
        }
        if (!(split > 0 && split < 1)) {
            throw new IllegalArgumentException("`validation_split` must be between 0 and 1, received: " + split);
        }
        if (!"training".equals(subset) && !"validation".equals(subset)) {
            throw new IllegalArgumentException("If `validation_split` is set, `subset` must be \"training\" or \"validation\" (call twice "
                    + "with the same seed for both; \"both\" is not supported). Received: subset=" + subset);
        }
        if (shuffle && seed == null) {
            throw new IllegalArgumentException("If using `validation_split` and shuffling the data, you must provide a `seed` argument, "
                    + "to make sure that there is no overlap between the training and validation subset.");
        }
    }

    /** The image files below a class directory, walked in sorted order. */
    private static List<Path> images(Path classDir) throws IOException {
        try (Stream<Path> walk = Files.walk(classDir)) {
            return walk.filter(Files::isRegularFile)
                    .filter(p -> FORMATS.stream().anyMatch(e -> p.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(e)))
                    .sorted().toList();
        }
    }

    private static void shuffleInPlace(int[] a, Random r) {
        for (int i = a.length - 1; i > 0; i--) {
            int j = r.nextInt(i + 1);
            int t = a[i];
            a[i] = a[j];
            a[j] = t;
        }
    }

    /** {@code "rgb"} (default, 3 channels), {@code "grayscale"} (1) or {@code "rgba"} (4). */
    public ImageDataset colorMode(String mode) {
        if (!List.of("rgb", "grayscale", "rgba").contains(mode)) {
            throw new IllegalArgumentException("`color_mode` must be one of {\"rgb\", \"rgba\", \"grayscale\"}. Received: color_mode=" + mode);
        }
        this.colorMode = mode;
        return this;
    }

    /** {@code "bilinear"} (default) or {@code "nearest"}. */
    public ImageDataset interpolation(String i) {
        if (!ImageResize.INTERPOLATIONS.contains(i)) {
            throw new IllegalArgumentException("Interpolation \"" + i + "\" is not supported here; " + ImageResize.INTERPOLATIONS + " are.");
        }
        this.interpolation = i;
        return this;
    }

    /** The class names, in label order. */
    public List<String> classNames() {
        return classNames;
    }

    /** The image files, in the data set's (shuffled) order. */
    public List<Path> filePaths() {
        return List.copyOf(files);
    }

    /** The number of images. */
    public int size() {
        return files.size();
    }

    @Override
    public Integer steps() {
        return (files.size() + batchSize - 1) / batchSize;
    }

    @Override
    public Iterator<Batch> iterator() {
        int[] order = new int[files.size()];
        for (int i = 0; i < order.length; i++) order[i] = i;
        if (shuffle) shuffleInPlace(order, epochOrder);
        return new Iterator<>() {
            int next = 0;

            @Override
            public boolean hasNext() {
                return next < order.length;
            }

            @Override
            public Batch next() {
                if (!hasNext()) throw new NoSuchElementException();
                int end = Math.min(order.length, next + batchSize);
                int[] idx = Arrays.copyOfRange(order, next, end);
                next = end;
                return batch(idx);
            }
        };
    }

    private Batch batch(int[] idx) {
        INDArray[] images = new INDArray[idx.length];
        int[] y = new int[idx.length];
        for (int i = 0; i < idx.length; i++) {
            images[i] = load(files.get(idx[i]));
            y[i] = labels[idx[i]];
        }
        INDArray x = Nd4j.concat(0, images);
        if (labelMode == null) return new Batch(List.of(x), List.of(), null);
        INDArray labelsOut = switch (labelMode) {
            case "int" -> Nd4j.createFromArray(y);
            case "binary" -> Nd4j.createFromArray(y).castTo(DataType.FLOAT).reshape(idx.length, 1);
            default -> Categorical.toCategorical(Nd4j.createFromArray(y), classNames.size(), DataType.FLOAT);
        };
        return new Batch(List.of(x), List.of(labelsOut), null);
    }

    /** An 8-bit single-band gray image, read band by band rather than drawn. */
    private static boolean plainGray(BufferedImage img) {
        return img.getRaster().getNumBands() == 1 && img.getColorModel() instanceof ComponentColorModel
                && img.getColorModel().getComponentSize(0) == 8 && img.getColorModel().getColorSpace().getType() == ColorSpace.TYPE_GRAY;
    }

    /** One image as {@code (1, height, width, channels)} float32 in [0, 255]. */
    INDArray load(Path file) {
        BufferedImage img;
        try {
            img = ImageIO.read(file.toFile());
        } catch (IOException e) {
            throw new UncheckedIOException(file + ": cannot decode the image: " + e.getMessage(), e);
        }
        if (img == null) throw new IllegalArgumentException(file + ": no javax.imageio decoder reads this file.");
        int h = img.getHeight(), w = img.getWidth();
        INDArray x;
        if (plainGray(img)) {
            // Read as stored: drawing a gray image into an RGB one would apply Java2D's gray-to-sRGB gamma.
            INDArray gray = Nd4j.create(img.getRaster().getPixels(0, 0, w, h, (float[]) null), new long[]{1, h, w, 1}, 'c');
            if (colorMode.equals("grayscale")) x = gray;
            else {
                x = gray.repeat(3, 3);
                if (colorMode.equals("rgba")) x = Nd4j.concat(3, x, Nd4j.valueArrayOf(new long[]{1, h, w, 1}, 255f));
            }
        } else {
            // Copied (no blending) into a standard layout whatever the file's (palette, 16-bit...): bands R, G, B, A.
            BufferedImage std = new BufferedImage(w, h, BufferedImage.TYPE_4BYTE_ABGR);
            Graphics2D g = std.createGraphics();
            g.setComposite(AlphaComposite.Src);
            g.drawImage(img, 0, 0, null);
            g.dispose();
            x = Nd4j.create(std.getRaster().getPixels(0, 0, w, h, (float[]) null), new long[]{1, h, w, 4}, 'c');
            if (!colorMode.equals("rgba")) x = x.get(NDArrayIndex.all(), NDArrayIndex.all(), NDArrayIndex.all(), NDArrayIndex.interval(0, 3)).dup('c');
            if (colorMode.equals("grayscale")) {
                INDArray weights = Nd4j.createFromArray(0.2989f, 0.5870f, 0.1140f).reshape(3, 1);
                x = x.reshape(h * w, 3).mmul(weights).reshape(1, h, w, 1);
            }
        }
        return ImageResize.resize(x, height, width, interpolation);
    }
}
