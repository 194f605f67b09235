package io.jkeras.utils;

import io.jkeras.Keras;
import io.jkeras.data.Batch;
import io.jkeras.layers.Dense;
import io.jkeras.layers.Flatten;
import io.jkeras.layers.Rescaling;
import io.jkeras.models.Sequential;
import io.jkeras.training.FitOptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

import javax.imageio.ImageIO;
import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

class ImageDatasetTest {
    private static final String[] CLASSES = {"dogs", "birds", "cats"}; // created out of order: labels follow sorted names

    /** Class c's images are solid (red = 40 c + 20, green = 7, blue = image number), 6x4 pixels, 4 per class. */
    private static Path tree(Path root) throws Exception {
        for (String name : CLASSES) {
            int c = List.of("birds", "cats", "dogs").indexOf(name);
            Path d = Files.createDirectories(root.resolve(name).resolve(c == 2 ? "nested" : "."));
            for (int i = 0; i < 4; i++) {
                BufferedImage img = new BufferedImage(4, 6, BufferedImage.TYPE_INT_RGB);
                for (int y = 0; y < 6; y++) for (int x = 0; x < 4; x++) img.setRGB(x, y, ((40 * c + 20) << 16) | (7 << 8) | i);
                ImageIO.write(img, i % 2 == 0 ? "png" : "bmp", d.resolve("img" + i + (i % 2 == 0 ? ".png" : ".bmp")).toFile());
            }
        }
        Files.writeString(root.resolve("cats").resolve("notes.txt"), "not an image");
        return root;
    }

    private static List<Batch> epoch(ImageDataset ds) {
        List<Batch> out = new ArrayList<>();
        ds.forEach(out::add);
        return out;
    }

    @Test
    void labelsFromSortedSubFoldersAndResizedFloatImages(@TempDir Path dir) throws Exception {
        ImageDataset ds = ImageDataset.imageDatasetFromDirectory(tree(dir), "int", new int[]{3, 2}, 5, true, 1L, null, null);
        assertThat(ds.classNames()).containsExactly("birds", "cats", "dogs");
        assertThat(ds.size()).isEqualTo(12);
        assertThat(ds.steps()).isEqualTo(3);
        List<Batch> batches = epoch(ds);
        assertThat(batches.stream().mapToLong(Batch::size).toArray()).containsExactly(5, 5, 2);
        int[] perClass = new int[3];
        for (Batch b : batches) {
            INDArray x = b.x().get(0), y = b.y().get(0);
            assertThat(x.dataType()).isEqualTo(DataType.FLOAT);
            assertThat(x.shape()).containsExactly(b.size(), 3, 2, 3);
            assertThat(y.dataType()).isEqualTo(DataType.INT);
            for (int i = 0; i < b.size(); i++) {
                int label = y.getInt(i);
                perClass[label]++;
                assertThat(x.getDouble(i, 2, 1, 0)).as("red channel names the class").isEqualTo(40 * label + 20);
                assertThat(x.getDouble(i, 0, 0, 1)).isEqualTo(7);
            }
        }
        assertThat(perClass).containsExactly(4, 4, 4);
    }

    @Test
    void bilinearDownscaleAveragesBlocksAndGrayscale(@TempDir Path dir) throws Exception {
        Path d = Files.createDirectories(dir.resolve("only"));
        BufferedImage img = new BufferedImage(4, 4, BufferedImage.TYPE_BYTE_GRAY);
        for (int y = 0; y < 4; y++) for (int x = 0; x < 4; x++) img.getRaster().setSample(x, y, 0, 10 * (4 * y + x));
        ImageIO.write(img, "png", d.resolve("g.png").toFile());
        // Half-pixel bilinear halving reads (2i + 0.5, 2j + 0.5): the mean of each 2x2 block.
        ImageDataset gray = ImageDataset.imageDatasetFromDirectory(dir, null, new int[]{2, 2}, 8, false, null, null, null).colorMode("grayscale");
        Batch b = epoch(gray).get(0);
        assertThat(b.y()).isEmpty();
        INDArray x = b.x().get(0);
        assertThat(x.shape()).containsExactly(1, 2, 2, 1);
        assertThat(x.getDouble(0, 0, 0, 0)).isCloseTo((0 + 10 + 40 + 50) / 4.0, within(1e-4));
        assertThat(x.getDouble(0, 1, 1, 0)).isCloseTo((100 + 110 + 140 + 150) / 4.0, within(1e-4));
        // a gray file read as RGB repeats its value in the three channels
        INDArray rgb = epoch(ImageDataset.imageDatasetFromDirectory(dir, null, new int[]{4, 4}, 8, false, null, null, null)).get(0).x().get(0);
        assertThat(rgb.getDouble(0, 3, 2, 0)).isEqualTo(140.0);
        assertThat(rgb.getDouble(0, 3, 2, 2)).isEqualTo(140.0);
    }

    @Test
    void labelModesSplitsAndEpochOrder(@TempDir Path tmp) throws Exception {
        Path dir = tree(tmp.resolve("three"));
        INDArray cat = epoch(ImageDataset.imageDatasetFromDirectory(dir, "categorical", new int[]{6, 4}, 12, false, null, null, null)).get(0).y().get(0);
        assertThat(cat.shape()).containsExactly(12, 3);
        assertThat(cat.getRow(0).toDoubleVector()).containsExactly(1, 0, 0); // unshuffled: birds first
        Path two = tree(tmp.resolve("two"));
        deleteTree(two.resolve("dogs"));
        INDArray bin = epoch(ImageDataset.imageDatasetFromDirectory(two, "binary", new int[]{6, 4}, 8, false, null, null, null)).get(0).y().get(0);
        assertThat(bin.shape()).containsExactly(8, 1);
        assertThatThrownBy(() -> ImageDataset.imageDatasetFromDirectory(dir, "binary", new int[]{6, 4}, 8, false, null, null, null))
                .hasMessageStartingWith("When passing `label_mode=\"binary\"`, there must be exactly 2 class_names.");

        ImageDataset train = ImageDataset.imageDatasetFromDirectory(dir, "int", new int[]{6, 4}, 4, true, 7L, 0.25, "training");
        ImageDataset val = ImageDataset.imageDatasetFromDirectory(dir, "int", new int[]{6, 4}, 4, true, 7L, 0.25, "validation");
        assertThat(train.size()).isEqualTo(9);
        assertThat(val.size()).isEqualTo(3);
        Set<Path> all = new HashSet<>(train.filePaths());
        all.addAll(val.filePaths());
        assertThat(all).hasSize(12);
        // a new order every epoch
        List<String> first = new ArrayList<>(), second = new ArrayList<>();
        for (Batch b : train) for (int i = 0; i < b.size(); i++) first.add(b.x().get(0).getDouble(i, 0, 0, 0) + "/" + b.x().get(0).getDouble(i, 0, 0, 2));
        for (Batch b : train) for (int i = 0; i < b.size(); i++) second.add(b.x().get(0).getDouble(i, 0, 0, 0) + "/" + b.x().get(0).getDouble(i, 0, 0, 2));
        assertThat(second).containsExactlyInAnyOrderElementsOf(first).isNotEqualTo(first);
        assertThatThrownBy(() -> ImageDataset.imageDatasetFromDirectory(dir, "int", new int[]{6, 4}, 4, true, null, 0.25, "training"))
                .hasMessageStartingWith("If using `validation_split` and shuffling the data, you must provide a `seed` argument");
    }

    @Test
    void aModelFitsOnIt(@TempDir Path dir) throws Exception {
        Keras.setRandomSeed(3);
        ImageDataset ds = ImageDataset.imageDatasetFromDirectory(tree(dir), "int", new int[]{6, 4}, 4, true, 2L, null, null);
        Sequential model = new Sequential(new Rescaling(1 / 255.0).inputShape(6, 4, 3), new Flatten(), new Dense(3).activation("softmax"));
        model.compile(new io.jkeras.optimizers.Adam(0.05), "sparse_categorical_crossentropy", "accuracy");
        List<Double> acc = model.fit(ds, FitOptions.epochs(30).verbose(0)).history().get("accuracy");
        assertThat(acc.get(acc.size() - 1)).isEqualTo(1.0);
    }

    private static void deleteTree(Path p) throws Exception {
        try (var walk = Files.walk(p)) {
            for (Path q : walk.sorted(java.util.Comparator.reverseOrder()).toList()) Files.delete(q);
        }
    }
}
