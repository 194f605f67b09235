package io.jkeras.bench;

import io.jkeras.Keras;
import io.jkeras.layers.Conv2D;
import io.jkeras.layers.Dense;
import io.jkeras.layers.Flatten;
import io.jkeras.layers.InputLayer;
import io.jkeras.layers.Layer;
import io.jkeras.layers.MaxPooling2D;
import io.jkeras.models.Model;
import io.jkeras.models.Models;
import io.jkeras.models.Sequential;
import org.nd4j.linalg.api.ndarray.INDArray;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * How long loading a large {@code .h5} takes: a VGG16-shaped model (13 Conv2D in five blocks of 64, 128, 256,
 * 512, 512 filters with max pooling, then Flatten and three Dense layers, 224×224×3 input) with random weights
 * is saved as a whole-model {@code .h5} and as a weights {@code .h5}; then {@code Models.loadModel} and
 * {@code model.loadWeights} are each timed three times and the median is printed (seconds, MB, MB/s), as one
 * JSON line per file in {@link BenchOut}'s schema. The first run of each is not discarded: the median of three
 * already sets aside one cold or one disturbed run.
 *
 * <p>Sizes ({@code JKERAS_LOAD_BENCH} in the environment): {@code small} (default) keeps VGG16's convolutions
 * and narrows the classifier to 512-512-1000 units, 28.4M parameters, a 113 MB file, the "100 MB .h5" of the
 * issue; {@code full} is VGG16 itself, 4096-4096-1000, 138.4M parameters, 553 MB.
 *
 * <p>Run: {@code mvn -q test-compile exec:exec -Djkeras.main=io.jkeras.bench.LoadBenchmark}
 * ({@code JKERAS_LOAD_BENCH=full mvn ...} for the full size). Files go to {@code target/bench/}.
 */
public final class LoadBenchmark {
    private static final int REPEATS = 3;

    private LoadBenchmark() {
    }

    /** VGG16's layers; {@code fc} is the width of the first two Dense layers (VGG16: 4096). */
    static Sequential vgg16(int fc) {
        Sequential m = new Sequential(new InputLayer(224, 224, 3));
        int[][] blocks = {{64, 2}, {128, 2}, {256, 3}, {512, 3}, {512, 3}};
        for (int b = 0; b < blocks.length; b++) {
            for (int c = 0; c < blocks[b][1]; c++) {
                m.add(new Conv2D(blocks[b][0], 3, 3).padding("same").activation("relu").name("block" + (b + 1) + "_conv" + (c + 1)));
            }
            m.add(new MaxPooling2D(2, 2).name("block" + (b + 1) + "_pool"));
        }
        m.add(new Flatten().name("flatten"));
        m.add(new Dense(fc).activation("relu").name("fc1"));
        m.add(new Dense(fc).activation("relu").name("fc2"));
        m.add(new Dense(1000).activation("softmax").name("predictions"));
        return m;
    }

    public static void main(String[] args) throws Exception {
        String size = System.getenv().getOrDefault("JKERAS_LOAD_BENCH", "small");
        int fc = size.equals("full") ? 4096 : 512;
        BenchOut.emitEnv();
        Keras.setRandomSeed(1);
        Sequential model = vgg16(fc);
        Path dir = Files.createDirectories(Path.of("target", "bench"));
        Path whole = dir.resolve("vgg16_" + size + ".h5");
        Path weights = dir.resolve("vgg16_" + size + "_weights.h5");
        long t0 = System.nanoTime();
        model.save(whole.toString());
        double saveS = (System.nanoTime() - t0) / 1e9;
        model.saveWeights(weights.toString());
        INDArray probe = model.layers().get(model.layers().size() - 1).getWeights().get(0);

        double[] loadModel = new double[REPEATS];
        for (int i = 0; i < REPEATS; i++) {
            System.gc();
            long s = System.nanoTime();
            Model m = Models.loadModel(whole.toString());
            loadModel[i] = (System.nanoTime() - s) / 1e9;
            check(m, probe);
        }
        Sequential target = vgg16(fc);
        double[] loadWeights = new double[REPEATS];
        for (int i = 0; i < REPEATS; i++) {
            System.gc();
            long s = System.nanoTime();
            target.loadWeights(weights.toString());
            loadWeights[i] = (System.nanoTime() - s) / 1e9;
        }
        check(target, probe);

        emit("load_model_h5", whole, loadModel, model, saveS);
        emit("load_weights_h5", weights, loadWeights, model, Double.NaN);
    }

    /** The loaded model must hold the saved weights (the last layer's kernel, compared in full). */
    private static void check(Model m, INDArray expected) {
        List<Layer> layers = m.layers();
        INDArray got = layers.get(layers.size() - 1).getWeights().get(0);
        if (!got.equals(expected)) throw new AssertionError("the loaded weights differ from the saved ones");
    }

    private static void emit(String tag, Path file, double[] seconds, Model model, double saveS) throws Exception {
        double mb = Files.size(file) / 1e6;
        double median = BenchOut.median(seconds);
        Map<String, Object> kv = new LinkedHashMap<>();
        kv.put("file", file.getFileName().toString());
        kv.put("file_mb", BenchOut.round(mb, 1));
        kv.put("params", model.countParams());
        kv.put("median_s", BenchOut.round(median, 3));
        kv.put("runs_s", roundAll(seconds));
        kv.put("mb_per_s", BenchOut.round(mb / median, 1));
        if (!Double.isNaN(saveS)) kv.put("save_s", BenchOut.round(saveS, 3));
        kv.put("peak_rss_mb", BenchOut.peakRssMb());
        BenchOut.emit(tag, kv);
    }

    private static List<Double> roundAll(double[] v) {
        List<Double> out = new ArrayList<>();
        for (double x : v) out.add(BenchOut.round(x, 3));
        return out;
    }
}
