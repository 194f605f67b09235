package io.jkeras.bench;

import io.jkeras.Keras;
import io.jkeras.callbacks.Callback;
import io.jkeras.models.Sequential;
import io.jkeras.optimizers.Adam;
import io.jkeras.training.FitOptions;
import org.nd4j.linalg.api.ndarray.INDArray;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * W2, the course MLP, trained through jkeras's public API exactly as a Keras user writes it, timed as
 * {@code pytorch_workloads.py w2} times its twin, and printed as one JSON line of the same schema.
 *
 * <p>The model: 784→Dense(256, relu)→Dense(256, relu)→Dense(10, softmax), Keras's default initialisation;
 * {@code compile(new Adam(1e-3), "sparse_categorical_crossentropy", "accuracy")}; one epoch of the 60,000
 * Fashion-MNIST training images (pixels / 255, flattened) at batch 100 with {@code shuffle} (Keras's
 * default: a new order drawn at the start of the epoch, batches gathered natively).
 *
 * <p>What is timed, matching the PyTorch script: the first {@code warmup} (20) batches of the epoch train
 * as usual but fall outside the throughput, which runs from the start of batch 20 to the end of the last
 * batch (580 batches, 58,000 samples). The PyTorch side shuffles once before its loop and slices views;
 * here the shuffled gather happens per batch inside {@code fit}, as in Keras, and is timed — it is part of
 * what a Keras user's epoch costs. {@code epoch_wall_s} is the whole {@code fit} call. Test accuracy
 * comes from {@code model.evaluate} at batch 100 (three warm-up batches first, as the PyTorch script),
 * whose time gives {@code infer_samples_per_s} (it includes the loss and metric, which the PyTorch
 * evaluation does not compute).
 *
 * <p>Run: {@code bench/run.sh}, or {@code java ... io.jkeras.bench.MlpBenchmark [warmup]}.
 */
public final class MlpBenchmark {
    private static final int BATCH = 100;

    private MlpBenchmark() {
    }

    /** @param args optional number of warm-up batches excluded from the throughput (default 20) */
    public static void main(String[] args) throws Exception {
        int warmup = args.length > 0 ? Integer.parseInt(args[0]) : 20;
        BenchOut.emitEnv();
        W2Data d = W2Data.load();
        Keras.setRandomSeed(42);

        Sequential model = W2Data.model();
        model.compile(new Adam(1e-3), "sparse_categorical_crossentropy", "accuracy");
        BatchTimer timer = new BatchTimer(warmup, BATCH);
        long t0 = System.nanoTime();
        var history = model.fit(d.xTrain, d.yTrain, FitOptions.epochs(1).batchSize(BATCH).verbose(0).callbacks(timer));
        double epochS = (System.nanoTime() - t0) / 1e9;
        double finalLoss = history.history().get("loss").get(0);

        // Three untimed batches first, as the PyTorch evaluation warms up.
        INDArray warmX = d.xTest.get(org.nd4j.linalg.indexing.NDArrayIndex.interval(0, 3 * BATCH));
        INDArray warmY = d.yTest.get(org.nd4j.linalg.indexing.NDArrayIndex.interval(0, 3 * BATCH));
        model.evaluate(List.of(warmX), List.of(warmY), BATCH, 0);
        long e0 = System.nanoTime();
        Map<String, Double> test = model.evaluate(List.of(d.xTest), List.of(d.yTest), BATCH, 0);
        double evalS = (System.nanoTime() - e0) / 1e9;

        Map<String, Object> kv = new LinkedHashMap<>();
        kv.put("batch", BATCH);
        kv.put("train_samples_per_s", BenchOut.round(timer.timedSamples(d.xTrain.size(0)) / timer.timedSeconds(), 1));
        kv.put("train_samples_per_s_from_median_batch", BenchOut.round(BATCH / (BenchOut.median(timer.timedBatchSeconds())), 1));
        kv.put("epoch_wall_s", BenchOut.round(epochS, 2));
        kv.put("timed_batches", timer.timedBatchSeconds().length);
        kv.put("timed_s", BenchOut.round(timer.timedSeconds(), 2));
        kv.put("first_batches_ms", timer.firstBatchesMs(3));
        kv.put("final_loss", BenchOut.round(finalLoss, 4));
        kv.put("test_acc", BenchOut.round(test.get("accuracy"), 4));
        kv.put("infer_samples_per_s", BenchOut.round(d.xTest.size(0) / evalS, 1));
        kv.put("params", model.countParams());
        kv.put("peak_rss_mb", BenchOut.peakRssMb());
        kv.put("shuffle", "per epoch inside fit (timed)");
        BenchOut.emit("w2_mlp", kv);
    }
}
