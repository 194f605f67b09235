package io.jkeras.bench;

import io.jkeras.Keras;
import io.jkeras.datasets.FashionMnist;
import io.jkeras.datasets.TrainTest;
import io.jkeras.layers.Conv2D;
import io.jkeras.layers.Dense;
import io.jkeras.layers.Flatten;
import io.jkeras.layers.MaxPooling2D;
import io.jkeras.models.Sequential;
import io.jkeras.optimizers.Adam;
import io.jkeras.training.FitOptions;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.indexing.NDArrayIndex;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * W1, the course CNN, trained through the public API as a Keras user writes it and timed as
 * {@code pytorch_workloads.py w1} times its twin; one JSON line of the same schema.
 *
 * <p>The model: Conv2D(32, 3, relu) on 28×28×1 → MaxPooling2D(2) → Conv2D(64, 3, relu) → MaxPooling2D(2) →
 * Conv2D(64, 3, relu) → Flatten → Dense(64, relu) → Dense(10, softmax) (93,322 parameters), Adam 1e-3,
 * sparse categorical crossentropy, one epoch of Fashion-MNIST (pixels / 255) at batch 128, shuffled inside
 * {@code fit} as Keras does (timed). The first {@code warmup} (20) batches are outside the throughput. Test
 * accuracy and inference samples/s come from {@code evaluate} at batch 128 after three warm-up batches.
 *
 * <p>Run: {@code bench/run.sh --workloads w1}, or {@code java ... io.jkeras.bench.CnnBenchmark [warmup] [seed]}.
 */
public final class CnnBenchmark {
    private static final int BATCH = 128;

    private CnnBenchmark() {
    }

    /** The course CNN (its summary is pinned by {@code io.jkeras.models.CourseCnnTest}). */
    public static Sequential model() {
        return new Sequential(
                new Conv2D(32, 3).activation("relu").inputShape(28, 28, 1),
                new MaxPooling2D(2),
                new Conv2D(64, 3).activation("relu"),
                new MaxPooling2D(2),
                new Conv2D(64, 3).activation("relu"),
                new Flatten(),
                new Dense(64).activation("relu"),
                new Dense(10).activation("softmax"));
    }

    /** @param args optional number of warm-up batches excluded from the throughput (default 20) and seed (42) */
    public static void main(String[] args) throws Exception {
        int warmup = args.length > 0 ? Integer.parseInt(args[0]) : 20;
        long seed = args.length > 1 ? Long.parseLong(args[1]) : 42;
        BenchOut.emitEnv();
        String dir = System.getenv("FMNIST_DIR");
        TrainTest d = dir != null && !dir.isEmpty() ? FashionMnist.loadData(Path.of(dir)) : FashionMnist.loadData();
        INDArray xTrain = d.xTrain().castTo(DataType.FLOAT).divi(255).reshape('c', -1, 28, 28, 1);
        INDArray xTest = d.xTest().castTo(DataType.FLOAT).divi(255).reshape('c', -1, 28, 28, 1);
        INDArray yTrain = d.yTrain().castTo(DataType.INT);
        INDArray yTest = d.yTest().castTo(DataType.INT);
        Keras.setRandomSeed(seed);

        Sequential model = model();
        model.compile(new Adam(1e-3), "sparse_categorical_crossentropy", "accuracy");
        BatchTimer timer = new BatchTimer(warmup, BATCH);
        long t0 = System.nanoTime();
        var history = model.fit(xTrain, yTrain, FitOptions.epochs(1).batchSize(BATCH).verbose(0).callbacks(timer));
        double epochS = (System.nanoTime() - t0) / 1e9;

        INDArray warmX = xTest.get(NDArrayIndex.interval(0, 3 * BATCH));
        INDArray warmY = yTest.get(NDArrayIndex.interval(0, 3 * BATCH));
        model.evaluate(List.of(warmX), List.of(warmY), BATCH, 0);
        long e0 = System.nanoTime();
        Map<String, Double> test = model.evaluate(List.of(xTest), List.of(yTest), BATCH, 0);
        double evalS = (System.nanoTime() - e0) / 1e9;

        Map<String, Object> kv = new LinkedHashMap<>();
        kv.put("batch", BATCH);
        kv.put("train_samples_per_s", BenchOut.round(timer.timedSamples(xTrain.size(0)) / timer.timedSeconds(), 1));
        kv.put("train_samples_per_s_from_median_batch", BenchOut.round(BATCH / BenchOut.median(timer.timedBatchSeconds()), 1));
        kv.put("epoch_wall_s", BenchOut.round(epochS, 2));
        kv.put("timed_batches", timer.timedBatchSeconds().length);
        kv.put("timed_s", BenchOut.round(timer.timedSeconds(), 2));
        kv.put("first_batches_ms", timer.firstBatchesMs(3));
        kv.put("final_loss", BenchOut.round(history.history().get("loss").get(0), 4));
        kv.put("test_acc", BenchOut.round(test.get("accuracy"), 4));
        kv.put("infer_samples_per_s", BenchOut.round(xTest.size(0) / evalS, 1));
        kv.put("params", model.countParams());
        kv.put("peak_rss_mb", BenchOut.peakRssMb());
        kv.put("shuffle", "per epoch inside fit (timed)");
        BenchOut.emit("w1_cnn", kv);
    }
}
