package io.jkeras.bench;

import io.jkeras.Input;
import io.jkeras.Keras;
import io.jkeras.layers.Dense;
import io.jkeras.layers.Embedding;
import io.jkeras.layers.GRU;
import io.jkeras.layers.LSTM;
import io.jkeras.models.Sequential;
import io.jkeras.optimizers.Adam;
import io.jkeras.training.FitOptions;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * W4, the text classifier: {@code Embedding(10000, 64) → LSTM(64) → Dense(1, sigmoid)},
 * {@code compile(new Adam(1e-3), "binary_crossentropy")}, sequences of 100 random word ids with random 0/1
 * labels, batch 64, {@code warmup} (10) untimed batches then {@code batches} (100) timed ones in one epoch of
 * {@code fit} — what {@code pytorch_workloads.py w4} times. Also {@code predict} over the same data. One JSON line.
 *
 * <p>Run: {@code bench/run.sh --workloads w4}, or {@code java ... io.jkeras.bench.LstmBenchmark [warmup] [batches]
 * [lstm|gru]} ({@code gru} puts a GRU(64) in the LSTM's place).
 */
public final class LstmBenchmark {
    private static final int BATCH = 64;
    private static final int STEPS = 100;

    private LstmBenchmark() {
    }

    /** @param args optional warm-up batches (10), timed batches (100) and recurrent layer (lstm) */
    public static void main(String[] args) {
        int warmup = args.length > 0 ? Integer.parseInt(args[0]) : 10;
        int timed = args.length > 1 ? Integer.parseInt(args[1]) : 100;
        boolean gru = args.length > 2 && args[2].equals("gru");
        BenchOut.emitEnv();
        Keras.setRandomSeed(42);
        int n = (warmup + timed) * BATCH;
        INDArray x = Nd4j.rand(DataType.FLOAT, n, STEPS).muli(10000).castTo(DataType.INT);
        INDArray y = Nd4j.rand(DataType.FLOAT, n, 1).gt(0.5).castTo(DataType.FLOAT);
        Sequential model = new Sequential();
        model.add(Input.shape(STEPS));
        model.add(new Embedding(10000, 64));
        model.add(gru ? new GRU(64) : new LSTM(64));
        model.add(new Dense(1).activation("sigmoid"));
        model.compile(new Adam(1e-3), "binary_crossentropy");
        BatchTimer timer = new BatchTimer(warmup, BATCH);
        var history = model.fit(x, y, FitOptions.epochs(1).batchSize(BATCH).shuffle(false).verbose(0).callbacks(timer));
        model.predict(x.get(NDArrayIndex.interval(0, 3 * BATCH)), BATCH);
        long p0 = System.nanoTime();
        model.predict(x, BATCH);
        double predictS = (System.nanoTime() - p0) / 1e9;

        Map<String, Object> kv = new LinkedHashMap<>();
        kv.put("layer", gru ? "GRU(64)" : "LSTM(64)");
        kv.put("batch", BATCH);
        kv.put("seq_len", STEPS);
        kv.put("timed_batches", timer.timedBatchSeconds().length);
        kv.put("train_seqs_per_s", BenchOut.round(timer.timedSamples(n) / timer.timedSeconds(), 1));
        kv.put("train_seqs_per_s_from_median_batch", BenchOut.round(BATCH / BenchOut.median(timer.timedBatchSeconds()), 1));
        kv.put("timed_s", BenchOut.round(timer.timedSeconds(), 2));
        kv.put("final_loss", BenchOut.round(history.history().get("loss").get(0), 4));
        kv.put("infer_seqs_per_s", BenchOut.round(n / predictS, 1));
        kv.put("params", model.countParams());
        kv.put("peak_rss_mb", BenchOut.peakRssMb());
        BenchOut.emit("w4_lstm", kv);
    }
}
