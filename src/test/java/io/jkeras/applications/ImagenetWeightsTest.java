package io.jkeras.applications;

import io.jkeras.Variable;
import io.jkeras.layers.Layer;
import io.jkeras.models.Model;
import io.jkeras.saving.Json;
import io.jkeras.utils.FileUtils;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.api.ndarray.INDArray;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * ImageNet weights as Keras gets them. The real files cannot be downloaded on the build machines, so h5py
 * (Debian's /usr/bin/python3) writes a file in the exact layout of Keras's VGG16 notop weights (Keras 2's
 * {@code save_weights_to_hdf5_group}: layer_names, backend, keras_version, weight_names
 * {@code block1_conv1/kernel:0}) with deterministic values, and each array must land in its layer.
 */
class ImagenetWeightsTest {
    static final String PYTHON = "/usr/bin/python3";
    @TempDir
    static Path dir;
    static Path script;

    @BeforeAll
    static void needsH5py() throws Exception {
        boolean ok = Files.isExecutable(Path.of(PYTHON)) && run(List.of(PYTHON, "-c", "import h5py")) == 0;
        Assumptions.assumeTrue(ok, "Skipped: writing a Keras weights file needs " + PYTHON + " with h5py (Debian: apt-get install python3-h5py)");
        script = dir.resolve("keras_weights_file.py");
        try (InputStream in = ImagenetWeightsTest.class.getResourceAsStream("/python/keras_weights_file.py")) {
            Files.copy(in, script);
        }
    }

    static int run(List<String> command) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!p.waitFor(120, TimeUnit.SECONDS)) p.destroyForcibly();
        if (p.exitValue() != 0) System.err.println(out);
        return p.exitValue();
    }

    /** Writes Keras's layout for {@code model}'s layers (every layer listed, weights named as TensorFlow names them). */
    static Path writeKerasFile(Path file, List<Layer> layers) throws Exception {
        List<Object> spec = new ArrayList<>();
        for (Layer l : layers) {
            List<Object> ws = new ArrayList<>();
            for (Variable v : l.weights()) {
                List<Long> shape = new ArrayList<>();
                for (long d : v.value().shape()) shape.add(d);
                ws.add(List.of(l.name() + "/" + v.name() + ":0", shape));
            }
            spec.add(List.of(l.name(), ws));
        }
        assertThat(run(List.of(PYTHON, script.toString(), file.toString(), Json.write(spec)))).isZero();
        return file;
    }

    /** What the file holds at flat index i of weight j of the k-th layer with weights (k from 1). */
    static double expected(int k, int j, long i) {
        return (i % 1009) * 1e-4 + 10 * k + j;
    }

    static void assertLoaded(Model m) {
        int k = 0;
        for (Layer l : m.layers()) {
            if (l.weights().isEmpty()) continue;
            k++;
            for (int j = 0; j < l.weights().size(); j++) {
                INDArray w = l.weights().get(j).value();
                INDArray v = w.dup('c').reshape(w.length()); // C order, as h5py wrote it
                long n = v.length();
                for (long i : new long[]{0, 1, 1008, 1009, n / 2, n - 1}) {
                    if (i >= n) continue;
                    assertThat(v.getDouble(i)).as("%s weight %d at %d", l.name(), j, i).isCloseTo(expected(k, j, i), org.assertj.core.data.Offset.offset(1e-3));
                }
            }
        }
        assertThat(k).isEqualTo(13);
    }

    @Test
    void vgg16NotopFileInKerasLayoutLandsLayerByLayer() throws Exception {
        Model template = VGG16.create(new ApplicationOptions().weights(null).includeTop(false));
        Path file = writeKerasFile(dir.resolve("vgg16_weights_tf_dim_ordering_tf_kernels_notop.h5"), template.layers());

        // weights = a path, as Keras's VGG16(weights="/path/to/file.h5")
        Model m = VGG16.create(new ApplicationOptions().weights(file.toString()).includeTop(false).inputShape(64, 64, 3));
        assertLoaded(m);
        assertThat(m.getLayer("block1_conv1").weights().get(0).value().shape()).containsExactly(3, 3, 3, 64);
        assertThat(m.getLayer("block5_conv3").weights().get(1).value().getDouble(511)).isCloseTo(10 * 13 + 1 + 511e-4,
                org.assertj.core.data.Offset.offset(1e-4));

        // weights = "imagenet": Keras's file name in the cache folder; a file whose md5 is the manifest's is used as is.
        Manifest.Entry keras = Manifest.weights("vgg16", false, 0, 0);
        assertThat(keras.file()).isEqualTo("vgg16_weights_tf_dim_ordering_tf_kernels_notop.h5");
        assertThat(keras.fileHash()).isEqualTo("6d6bbae143d832006294945121d1f1fc");
        Path cache = dir.resolve("keras_home");
        Files.createDirectories(cache.resolve("models"));
        Files.copy(file, cache.resolve("models").resolve(keras.file()));
        Manifest.Entry sameFile = new Manifest.Entry(keras.file(), keras.origin(), FileUtils.hashFile(file, "md5"));
        Path found = sameFile.fetch(cache);
        assertThat(found).isEqualTo(cache.resolve("models").resolve(keras.file()));
        Model fromCache = VGG16.create(new ApplicationOptions().weights(null).includeTop(false));
        fromCache.loadWeights(found.toString());
        assertLoaded(fromCache);

        // With Keras's real hash our test file is "outdated": Keras downloads again, and without a network the message
        // says which file to put where.
        Manifest.Entry unreachable = new Manifest.Entry(keras.file(), "http://127.0.0.1:9/" + keras.file(), keras.fileHash());
        assertThatThrownBy(() -> unreachable.fetch(cache)).isInstanceOf(IOException.class)
                .hasMessageContaining("URL fetch failure on http://127.0.0.1:9/" + keras.file())
                .hasMessageContaining("does not match the original value of 6d6bbae143d832006294945121d1f1fc")
                .hasMessageContaining("put it at " + cache.resolve("models").resolve(keras.file()));
    }

    @Test
    void aFileOfAnotherArchitectureNamesTheFirstMismatchingLayer() throws Exception {
        // A ResNet-like head: conv1_conv (7×7) and conv1_bn, where VGG16 expects block1_conv1 (3×3).
        io.jkeras.KerasTensor in = io.jkeras.Input.shape(32, 32, 3);
        Model resnetLike = new Model(in, new io.jkeras.layers.BatchNormalization().name("conv1_bn")
                .apply(new io.jkeras.layers.Conv2D(64, 7, 7).name("conv1_conv").apply(in)));
        Path other = writeKerasFile(dir.resolve("resnet_like.h5"), List.of(resnetLike.layers().get(1), resnetLike.getLayer("conv1_bn")));
        Model vgg = VGG16.create(new ApplicationOptions().weights(null).includeTop(false).inputShape(32, 32, 3));
        List<INDArray> before = vgg.getWeights();
        assertThatThrownBy(() -> vgg.loadWeights(other.toString()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("Model expected 13 layers, found 2 saved layers.")
                .hasMessageContaining("First mismatch: layer #0 (block1_conv1) expects weights of shapes [(3, 3, 3, 64), (64,)], "
                        + "the file's layer #0 (conv1_conv) holds [(7, 7, 3, 64), (64,)].");
        assertThat(vgg.getWeights().get(0)).isEqualTo(before.get(0)); // nothing assigned
    }

    @Test
    void manifestListsKerasFilesAndHashes() {
        assertThat(Manifest.weights("vgg16", true, 0, 0).origin())
                .isEqualTo("https://storage.googleapis.com/tensorflow/keras-applications/vgg16/vgg16_weights_tf_dim_ordering_tf_kernels.h5");
        assertThat(Manifest.weights("vgg16", true, 0, 0).fileHash()).isEqualTo("64373286793e3c8b2b4e3219cbf3544b");
        assertThat(Manifest.weights("vgg19", false, 0, 0).fileHash()).isEqualTo("253f8cb515780f3b799900260a226db6");
        assertThat(Manifest.weights("resnet50", true, 0, 0).file()).isEqualTo("resnet50_weights_tf_dim_ordering_tf_kernels.h5");
        assertThat(Manifest.weights("resnet50", false, 0, 0).fileHash()).isEqualTo("4d473c1dd8becc155b73f8504c6f6626");
        Manifest.Entry mb = Manifest.weights("mobilenet_v2", false, 0.35, 96);
        assertThat(mb.file()).isEqualTo("mobilenet_v2_weights_tf_dim_ordering_tf_kernels_0.35_96_no_top.h5");
        assertThat(mb.fileHash()).isNull();
        assertThat(Manifest.weights("mobilenet_v2", true, 1.0, 224).file()).isEqualTo("mobilenet_v2_weights_tf_dim_ordering_tf_kernels_1.0_224.h5");
        assertThatThrownBy(() -> Manifest.weights("alexnet", true, 0, 0)).hasMessageContaining("No weights for \"alexnet\"");
    }
}
