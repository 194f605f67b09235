package io.jkeras.bench;

import io.jkeras.callbacks.Callback;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Times each training batch from {@code on_train_batch_begin} to {@code on_train_batch_end} (which
 * includes fit's own per-batch work: the batch gather happens just before begin and is not in the
 * per-batch times, but is in the span), and the span from the start of batch {@code warmup} to the end
 * of the last batch, as the PyTorch script's {@code t_start} ... {@code elapsed}.
 */
final class BatchTimer extends Callback {
    private final int warmup;
    private final int batchSize;
    private final List<Double> batchSeconds = new ArrayList<>();
    private long batchStart;
    private long spanStart = -1;
    private long spanEnd;
    private long batches;

    BatchTimer(int warmup, int batchSize) {
        this.warmup = warmup;
        this.batchSize = batchSize;
    }

    @Override
    public void onTrainBatchBegin(int batch, Map<String, Double> logs) {
        batchStart = System.nanoTime();
        if (batch == warmup) spanStart = batchStart;
    }

    @Override
    public void onTrainBatchEnd(int batch, Map<String, Double> logs) {
        long now = System.nanoTime();
        batchSeconds.add((now - batchStart) / 1e9);
        spanEnd = now;
        batches = batch + 1;
    }

    /** Samples in the timed span of an epoch over {@code total} samples: all but the warm-up batches' (which are full). */
    long timedSamples(long total) {
        return total - (long) warmup * batchSize;
    }

    double timedSeconds() {
        if (spanStart < 0) throw new IllegalStateException("the epoch had no more than " + warmup + " batches");
        return (spanEnd - spanStart) / 1e9;
    }

    double[] timedBatchSeconds() {
        return batchSeconds.subList(warmup, batchSeconds.size()).stream().mapToDouble(Double::doubleValue).toArray();
    }

    double[] firstBatchesMs(int k) {
        double[] ms = new double[Math.min(k, batchSeconds.size())];
        for (int i = 0; i < ms.length; i++) ms[i] = BenchOut.round(batchSeconds.get(i) * 1e3, 1);
        return ms;
    }
}
