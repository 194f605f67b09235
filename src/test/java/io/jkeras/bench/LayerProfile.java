package io.jkeras.bench;

import io.jkeras.Keras;
import io.jkeras.layers.Forward;
import io.jkeras.layers.InputLayer;
import io.jkeras.layers.Layer;
import io.jkeras.models.Model;
import io.jkeras.utils.Workspaces;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Where a Sequential model's training step spends its time, layer by layer: each layer's forward (training
 * mode) and backward (input and weight gradients) timed alone with {@code System.nanoTime} over many steps
 * on random data, inside the step workspace as {@code fit} runs them. ND4J's CPU ops are synchronous, so a
 * layer's time is its own. Prints one JSON line per layer and a total.
 *
 * <p>Run: {@code java ... io.jkeras.bench.LayerProfile w1|w3 [steps]} (w1: the course CNN at batch 128;
 * w3: VGG16's forward only, at batch 1).
 */
public final class LayerProfile {
    private LayerProfile() {
    }

    /** @param args the model (w1 or w3) and optional timed steps (default 30) */
    public static void main(String[] args) throws java.io.IOException {
        String which = args.length > 0 ? args[0] : "w1";
        int steps = args.length > 1 ? Integer.parseInt(args[1]) : 30;
        BenchOut.emitEnv();
        Keras.setRandomSeed(42);
        boolean w3 = which.equals("w3");
        Model model = w3 ? Vgg16Benchmark.model() : CnnBenchmark.model();
        INDArray x = w3 ? Nd4j.rand(DataType.FLOAT, 1, 224, 224, 3) : Nd4j.rand(DataType.FLOAT, 128, 28, 28, 1);
        List<Layer> layers = new ArrayList<>();
        for (Layer l : model.layers()) if (!(l instanceof InputLayer)) layers.add(l);
        int n = layers.size();
        double[][] fwd = new double[n][steps];
        double[][] bwd = new double[n][steps];
        for (int s = -3; s < steps; s++) {
            try (Workspaces.Scope ignored = Workspaces.open("jkeras_train_step")) {
                List<Forward> calls = new ArrayList<>();
                INDArray a = x;
                for (int i = 0; i < n; i++) {
                    long t0 = System.nanoTime();
                    Forward f = layers.get(i).forward(List.of(a), !w3);
                    if (s >= 0) fwd[i][s] = (System.nanoTime() - t0) / 1e6;
                    calls.add(f);
                    a = f.output();
                }
                if (w3) continue;
                INDArray g = a.ulike().assign(1.0 / a.length());
                for (int i = n - 1; i >= 0; i--) {
                    long t0 = System.nanoTime();
                    g = calls.get(i).backward(g);
                    if (s >= 0) bwd[i][s] = (System.nanoTime() - t0) / 1e6;
                }
            }
        }
        double totalF = 0, totalB = 0;
        for (int i = 0; i < n; i++) {
            Map<String, Object> kv = new LinkedHashMap<>();
            kv.put("model", which);
            kv.put("layer", layers.get(i).name());
            kv.put("class", layers.get(i).className());
            double f = BenchOut.median(fwd[i]), b = BenchOut.median(bwd[i]);
            totalF += f;
            totalB += b;
            kv.put("forward_ms_median", BenchOut.round(f, 3));
            if (!w3) kv.put("backward_ms_median", BenchOut.round(b, 3));
            BenchOut.emit("layer_profile", kv);
        }
        Map<String, Object> kv = new LinkedHashMap<>();
        kv.put("model", which);
        kv.put("forward_ms_total", BenchOut.round(totalF, 3));
        if (!w3) kv.put("backward_ms_total", BenchOut.round(totalB, 3));
        BenchOut.emit("layer_profile_total", kv);
    }
}
