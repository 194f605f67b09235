package io.jkeras.bench;

import io.jkeras.Keras;
import io.jkeras.applications.VGG16;
import io.jkeras.models.Model;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * W3: VGG16 with its top (13 Conv2D 3×3 "same" + relu, 5 MaxPooling2D, Flatten, Dense 4096 relu ×2, Dense 1000
 * softmax; 138,357,544 parameters) on random weights, in inference: latency of one 224×224×3 image (median of
 * {@code reps}, after two warm-up calls) and images/s at batch 8, as {@code pytorch_workloads.py w3} measures.
 * Both go through {@code model.predict}, what a user calls.
 *
 * <p>Run: {@code bench/run.sh --workloads w3}, or {@code java ... io.jkeras.bench.Vgg16Benchmark [reps] [reps8]}.
 */
public final class Vgg16Benchmark {
    private Vgg16Benchmark() {
    }

    /** VGG16 with its top and random weights: the application itself, as a user builds it. */
    static Model model() throws IOException {
        return VGG16.create(null, true);
    }

    /** @param args optional timed batch-1 calls (default 10) and batch-8 calls (default 5) */
    public static void main(String[] args) throws IOException {
        int reps = args.length > 0 ? Integer.parseInt(args[0]) : 10;
        int reps8 = args.length > 1 ? Integer.parseInt(args[1]) : 5;
        BenchOut.emitEnv();
        Keras.setRandomSeed(42);
        Model model = model();
        INDArray x1 = Nd4j.rand(DataType.FLOAT, 1, 224, 224, 3);
        INDArray x8 = Nd4j.rand(DataType.FLOAT, 8, 224, 224, 3);
        double[] lat = time(model, x1, reps);
        double[] b8 = time(model, x8, reps8);
        double minLat = Double.MAX_VALUE, maxLat = 0;
        for (double t : lat) {
            minLat = Math.min(minLat, t);
            maxLat = Math.max(maxLat, t);
        }
        Map<String, Object> kv = new LinkedHashMap<>();
        kv.put("params", model.countParams());
        kv.put("b1_latency_ms_median", BenchOut.round(BenchOut.median(lat) * 1e3, 1));
        kv.put("b1_latency_ms_min", BenchOut.round(minLat * 1e3, 1));
        kv.put("b1_latency_ms_max", BenchOut.round(maxLat * 1e3, 1));
        kv.put("b8_images_per_s", BenchOut.round(8 / BenchOut.median(b8), 2));
        kv.put("peak_rss_mb", BenchOut.peakRssMb());
        BenchOut.emit("w3_vgg16", kv);
    }

    /** Seconds per {@code predict} call on {@code x} (whole batch at once), after two warm-up calls. */
    private static double[] time(Model model, INDArray x, int reps) {
        int batch = (int) x.size(0);
        for (int i = 0; i < 2; i++) model.predict(x, batch);
        double[] t = new double[reps];
        for (int i = 0; i < reps; i++) {
            long t0 = System.nanoTime();
            model.predict(x, batch);
            t[i] = (System.nanoTime() - t0) / 1e9;
        }
        return t;
    }
}
