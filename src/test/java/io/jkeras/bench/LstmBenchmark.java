package io.jkeras.bench;

import io.jkeras.Input;
import io.jkeras.Keras;
import io.jkeras.callbacks.Callback;
import io.jkeras.layers.Dense;
import io.jkeras.layers.GRU;
import io.jkeras.layers.LSTM;
import io.jkeras.models.Sequential;
import io.jkeras.optimizers.Adam;
import io.jkeras.training.FitOptions;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The recurrent workload of the benchmark target without its Embedding (not in this build): sequences of 100
 * steps of 64 features → LSTM(64) → Dense(1, sigmoid), {@code compile(new Adam(1e-3), "binary_crossentropy")},
 * batch 64, one epoch of 60 batches of random data through {@code fit}; then {@code predict} on the same data.
 * Prints one JSON line: training sequences per second over the batches after the first {@code warmup} (default
 * 10), the median batch time, and inference sequences per second. The target (PyTorch, with an
 * Embedding(10000, 64) in front) is about 1,900-2,900 training sequences per second on 2 cores.
 *
 * <p>Run: {@code java ... io.jkeras.bench.LstmBenchmark [warmup] [lstm|gru]} (with OPENBLAS_CORETYPE and
 * OMP_WAIT_POLICY set, as for the other benchmarks); {@code gru} puts a GRU(64) in the LSTM's place.
 */
public final class LstmBenchmark {
    private static final int BATCH = 64;
    private static final int STEPS = 100;
    private static final int FEATURES = 64;
    private static final int BATCHES = 60;

    private LstmBenchmark() {
    }

    /** @param args optional number of warm-up batches excluded from the throughput (default 10) */
    public static void main(String[] args) {
        int warmup = args.length > 0 ? Integer.parseInt(args[0]) : 10;
        boolean gru = args.length > 1 && args[1].equals("gru");
        BenchOut.emitEnv();
        Keras.setRandomSeed(42);
        INDArray x = Nd4j.rand(DataType.FLOAT, BATCH * BATCHES, STEPS, FEATURES).subi(0.5);
        INDArray y = x.mean(1, 2).gt(0).castTo(DataType.FLOAT).reshape(BATCH * BATCHES, 1);
        Sequential model = new Sequential();
        model.add(Input.shape(STEPS, FEATURES));
        model.add(gru ? new GRU(64) : new LSTM(64));
        model.add(new Dense(1).activation("sigmoid"));
        model.compile(new Adam(1e-3), "binary_crossentropy");
        Timer timer = new Timer(warmup);
        model.fit(x, y, FitOptions.epochs(1).batchSize(BATCH).verbose(0).callbacks(timer));
        model.predict(x.get(org.nd4j.linalg.indexing.NDArrayIndex.interval(0, 3 * BATCH)), BATCH);
        long p0 = System.nanoTime();
        model.predict(x, BATCH);
        double predictS = (System.nanoTime() - p0) / 1e9;

        Map<String, Object> kv = new LinkedHashMap<>();
        kv.put("layer", gru ? "GRU(64)" : "LSTM(64)");
        kv.put("batch", BATCH);
        kv.put("steps", STEPS);
        kv.put("train_seqs_per_s", BenchOut.round(timer.samples() / timer.seconds(), 1));
        kv.put("median_batch_ms", BenchOut.round(BenchOut.median(timer.batchSeconds()) * 1e3, 2));
        kv.put("infer_seqs_per_s", BenchOut.round(x.size(0) / predictS, 1));
        kv.put("params", model.countParams());
        kv.put("embedding", "absent: dense inputs of 64 features");
        BenchOut.emit("lstm_text", kv);
    }

    /** Times each training batch, and the span from the start of batch {@code warmup} to the end of the last one. */
    private static final class Timer extends Callback {
        private final int warmup;
        private final List<Double> batches = new ArrayList<>();
        private long start;
        private long spanStart = -1;
        private long spanEnd;
        private int count;

        Timer(int warmup) {
            this.warmup = warmup;
        }

        @Override
        public void onTrainBatchBegin(int batch, Map<String, Double> logs) {
            start = System.nanoTime();
            if (batch == warmup) spanStart = start;
        }

        @Override
        public void onTrainBatchEnd(int batch, Map<String, Double> logs) {
            spanEnd = System.nanoTime();
            if (batch >= warmup) batches.add((spanEnd - start) / 1e9);
            count = batch + 1;
        }

        long samples() {
            return (long) (count - warmup) * BATCH;
        }

        double seconds() {
            return (spanEnd - spanStart) / 1e9;
        }

        double[] batchSeconds() {
            return batches.stream().mapToDouble(Double::doubleValue).toArray();
        }
    }
}
