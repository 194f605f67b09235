package io.jkeras.saving;

import io.jkeras.models.Model;
import io.jkeras.models.Models;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.api.ndarray.INDArray;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.zip.ZipFile;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The check of a file's group structure made before HDF5 opens it ({@link Hdf5Structure}): it refuses the damage
 * that crashed the JVM in fuzzing (an undefined local heap address; HDF5's metadata cache then copies from
 * outside its buffer), a name offset past its heap, a B-tree node claiming more entries than it can hold; and it
 * accepts every real file, the two HDF5 layout samples (user block, soft and hard links, compact, contiguous and
 * chunked data, a 300-member group, many attributes; original and latest format) included.
 */
class Hdf5StructureTest {
    @TempDir
    Path dir;

    @AfterEach
    void nothingLeftOpen() throws IOException {
        assertThat(Hdf5File.openObjectsInProcess()).isZero();
    }

    private Path layout(String name) throws IOException {
        try (InputStream in = getClass().getResourceAsStream("/h5-layouts/" + name)) {
            Path p = dir.resolve(name);
            Files.copy(in, p);
            return p;
        }
    }

    @Test
    void everyRealFileAndLayoutSamplePasses() throws IOException {
        for (String name : List.of("simple_sparse_xent_mlp_keras_2_model.h5", "simple_sparse_xent_mlp_keras_2_weights.h5",
                "simple_sparse_xent_mlp_keras_2_inputs_and_outputs.h5", "mlp_0.h5", "graduate_admission_model.h5",
                "mnist_classification.weights.h5", "cnn_batch_norm.h5", "conv1d_k3_s1_d1_cl_valid_model.h5",
                "conv2d_theano_1.h5", "batch_to_conv2d_tensorflow_1.h5")) {
            assertThat(Hdf5Structure.check(KerasFiles.copy(name, dir))).as(name).isNull();
        }
        for (String name : List.of("layouts_v0.h5", "layouts_latest.h5")) {
            Path p = layout(name);
            assertThat(Hdf5Structure.check(p)).as(name).isNull();
            try (Hdf5File f = Hdf5File.open(p)) {
                Hdf5Group r = f.root();
                assertThat(r.keys()).contains("chunked", "compact", "hard", "many", "model_weights", "soft");
                assertThat(r.read("compact").toIntVector()).containsExactly(0, 1, 2, 3, 4, 5, 6, 7, 8, 9);
                assertThat(r.read("chunked").getFloat(1, 2)).isEqualTo(42f);
                assertThat(r.read("soft/dense/kernel:0").getFloat(3, 2)).isEqualTo(11f);
                try (Hdf5Group w = r.group("hard")) {
                    assertThat(w.readStrings("layer_names")).containsExactly("dense", "dense_1");
                    assertThat(w.readString("note")).isEqualTo("variable-length string");
                }
                try (Hdf5Group many = r.group("many")) {
                    assertThat(many.keys()).hasSize(300);
                    assertThat(many.read("d299").getLong(0)).isEqualTo(299);
                }
            }
        }
    }

    /** The very damage of fuzz case 4550: 0xFF over part of a .keras archive's weights file. */
    @Test
    void anUndefinedHeapAddressIsRefusedBeforeHdf5SeesIt() throws IOException {
        Path weights = dir.resolve("model.weights.h5");
        try (ZipFile zip = new ZipFile(KerasFiles.copy("graduate_admission_model.keras", dir).toFile())) {
            Files.copy(zip.getInputStream(zip.getEntry("model.weights.h5")), weights);
        }
        byte[] b = Files.readAllBytes(weights);
        Arrays.fill(b, 10006, 12283, (byte) 0xff);
        Path damaged = Files.write(dir.resolve("damaged.weights.h5"), b);
        assertThat(Hdf5Structure.check(damaged)).contains("local heap").contains("outside the 23092-byte file");
        Model m = Models.loadModel(dir.resolve("graduate_admission_model.keras").toString());
        assertThatThrownBy(() -> m.loadWeights(damaged.toString())).isInstanceOf(IOException.class)
                .hasMessageStartingWith(damaged + ": the file is damaged: ").hasMessageContaining("local heap");
    }

    @Test
    void aNameOffsetPastItsHeapAndAnOverfullNodeAreRefused() throws IOException {
        Path original = KerasFiles.copy("simple_sparse_xent_mlp_keras_2_model.h5", dir);
        byte[] b = Files.readAllBytes(original);
        int snod = indexOf(b, "SNOD", 0);
        int tree = indexOf(b, "TREE", 0);
        assertThat(snod).isPositive();
        assertThat(tree).isPositive();

        byte[] badName = b.clone();
        ByteBuffer.wrap(badName).order(ByteOrder.LITTLE_ENDIAN).putLong(snod + 8, 1L << 40); // first member's name offset
        Path p1 = Files.write(dir.resolve("bad_name.h5"), badName);
        assertThat(Hdf5Structure.check(p1)).contains("a name of").contains("local heap");
        assertThatThrownBy(() -> Models.loadModel(p1.toString())).isInstanceOf(IOException.class).hasMessageContaining("bad_name.h5");

        byte[] overfull = b.clone();
        ByteBuffer.wrap(overfull).order(ByteOrder.LITTLE_ENDIAN).putShort(tree + 6, (short) 0x7fff); // entries used
        Path p2 = Files.write(dir.resolve("overfull.h5"), overfull);
        assertThat(Hdf5Structure.check(p2)).contains("claims 32767 entries");

        // The unchanged file loads, so the refusals above are the damage's doing.
        Model m = Models.loadModel(original.toString());
        INDArray kernel = m.getLayer("dense_1").getWeights().get(0);
        assertThat(kernel.shape()).containsExactly(4, 3);
    }

    private static int indexOf(byte[] b, String s, int from) {
        outer:
        for (int i = from; i + s.length() <= b.length; i++) {
            for (int k = 0; k < s.length(); k++) if (b[i + k] != s.charAt(k)) continue outer;
            return i;
        }
        return -1;
    }
}
