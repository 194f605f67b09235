package io.jkeras.bench;

import io.jkeras.Keras;
import io.jkeras.Variable;
import io.jkeras.graph.Executor;
import io.jkeras.graph.Tape;
import io.jkeras.losses.LossResult;
import io.jkeras.losses.SparseCategoricalCrossentropy;
import io.jkeras.metrics.SparseCategoricalAccuracy;
import io.jkeras.models.Sequential;
import io.jkeras.optimizers.Adam;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.api.ops.impl.updaters.AdamUpdater;
import org.nd4j.linalg.indexing.NDArrayIndex;
import org.nd4j.linalg.profiler.OpProfiler;
import org.nd4j.linalg.profiler.ProfilerConfig;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Where one W2 training step spends its time: the step taken apart into its phases (batch slicing,
 * forward, loss value and gradient, backward, optimizer update, accuracy) timed separately with
 * {@code System.nanoTime} over many steps. ND4J's CPU ops run synchronously, so a phase's time is its
 * own. The engine is driven directly, call for call as {@code io.jkeras.training.Step.train} drives it
 * (recorded tape, fused softmax-crossentropy gradient at the logits, optimizer, accuracy metric), on data
 * shuffled once up front.
 *
 * <p>Run: {@code java ... io.jkeras.bench.StepProfile [steps] [warmup]} (defaults 200 and 20).
 */
public final class StepProfile {
    private static final String[] PHASES = {"slice", "forward", "loss", "backward", "optimizer", "accuracy"};

    private StepProfile() {
    }

    /** @param args optional timed steps (default 200) and warm-up steps (default 20) */
    public static void main(String[] args) throws Exception {
        int steps = args.length > 0 ? Integer.parseInt(args[0]) : 200;
        int warmup = args.length > 1 ? Integer.parseInt(args[1]) : 20;
        int batch = 100;
        BenchOut.emitEnv();
        W2Data d = W2Data.load();
        Keras.setRandomSeed(42);
        INDArray perm = Nd4j.createFromArray(permutation(d.xTrain.size(0)));
        INDArray x = d.xTrain.get(perm), y = d.yTrain.get(perm);   // shuffled once, untimed

        Sequential model = W2Data.model();
        Adam opt = new Adam(1e-3);
        SparseCategoricalCrossentropy loss = new SparseCategoricalCrossentropy();
        List<Variable> weights = model.trainableWeights();
        long nb = x.size(0) / batch;

        SparseCategoricalAccuracy accuracy = new SparseCategoricalAccuracy();
        double[][] t = new double[PHASES.length][steps];
        double[] total = new double[steps];
        for (int s = 0; s < warmup + steps; s++) {
            long i = s % nb;
            long t0 = System.nanoTime();
            INDArray xb = x.get(NDArrayIndex.interval(i * batch, (i + 1) * batch), NDArrayIndex.all());
            INDArray yb = y.get(NDArrayIndex.interval(i * batch, (i + 1) * batch));
            long t1 = System.nanoTime();
            // What io.jkeras.training.Step.train does, phase by phase, in the same step workspace.
            io.jkeras.utils.Workspaces.Scope ws = io.jkeras.utils.Workspaces.open("jkeras_train_step");
            for (Variable v : weights) v.zeroGrad();
            Tape tape = Executor.record(model.topology(), List.of(model.castInput(xb)), true);
            long t2 = System.nanoTime();
            LossResult r = loss.computeFromSoftmaxLogits(yb, tape.softmaxLogits(0), null);
            long t3 = System.nanoTime();
            tape.backward(List.of(r.gradient()), new boolean[]{true}, false);
            model.addRegularizationGradients();
            long t4 = System.nanoTime();
            opt.apply(weights);
            long t5 = System.nanoTime();
            accuracy.updateState(yb, tape.outputs().get(0), null);
            double acc = accuracy.result();                           // fit reads the logs after every batch
            long t6 = System.nanoTime();
            ws.close();
            if (s < warmup || Double.isNaN(acc)) continue;
            long[] marks = {t0, t1, t2, t3, t4, t5, t6};
            for (int p = 0; p < PHASES.length; p++) t[p][s - warmup] = (marks[p + 1] - marks[p]) / 1e6;
            total[s - warmup] = (t6 - t0) / 1e6;
        }

        // Context for the figures above: what one ND4J op costs at the least, how many ops a step makes,
        // and what the optimizer's ND4J calls cost alone.
        double tinyOpUs = tinyOpMicros();
        long opsPerStep = opsPerStep(model, loss, opt, weights, x, y, batch);
        double bareAdamMs = bareAdamMillis(weights, steps);

        Map<String, Object> kv = new LinkedHashMap<>();
        kv.put("batch", batch);
        kv.put("steps", steps);
        kv.put("warmup", warmup);
        double sumMedians = 0;
        for (int p = 0; p < PHASES.length; p++) {
            double med = BenchOut.median(t[p]);
            sumMedians += med;
            kv.put(PHASES[p] + "_ms_median", BenchOut.round(med, 3));
            kv.put(PHASES[p] + "_ms_mean", BenchOut.round(mean(t[p]), 3));
        }
        kv.put("step_ms_median", BenchOut.round(BenchOut.median(total), 3));
        kv.put("step_ms_mean", BenchOut.round(mean(total), 3));
        kv.put("sum_of_phase_medians_ms", BenchOut.round(sumMedians, 3));
        kv.put("nd4j_ops_per_step", opsPerStep);
        kv.put("tiny_op_us", BenchOut.round(tinyOpUs, 2));
        kv.put("optimizer_bare_adam_updater_calls_ms_median", BenchOut.round(bareAdamMs, 3));
        kv.put("samples_per_s_from_median_step", BenchOut.round(batch / BenchOut.median(total) * 1e3, 1));
        BenchOut.emit("w2_step_profile", kv);
    }

    /** The median cost of one trivial ND4J op (add a scalar to a 10-element array), in microseconds. */
    static double tinyOpMicros() {
        INDArray a = Nd4j.zeros(DataType.FLOAT, 10);
        double[] t = new double[50];
        for (int r = 0; r < 50; r++) {
            long t0 = System.nanoTime();
            for (int i = 0; i < 1000; i++) a.addi(1.0);
            t[r] = (System.nanoTime() - t0) / 1e3 / 1000;
        }
        return BenchOut.median(t);
    }

    /** How many ND4J ops (native op calls, BLAS included) ten training steps make, per step. */
    static long opsPerStep(Sequential model, SparseCategoricalCrossentropy loss, Adam opt, List<Variable> weights,
                           INDArray x, INDArray y, int batch) {
        OpProfiler.getInstance().reset();
        Nd4j.getExecutioner().setProfilingConfig(ProfilerConfig.builder().checkElapsedTime(true).build());
        int n = 10;
        for (int s = 0; s < n; s++) {
            INDArray xb = x.get(NDArrayIndex.interval(s * batch, (s + 1) * batch), NDArrayIndex.all());
            INDArray yb = y.get(NDArrayIndex.interval(s * batch, (s + 1) * batch));
            for (Variable v : weights) v.zeroGrad();
            Tape tape = Executor.record(model.topology(), List.of(model.castInput(xb)), true);
            LossResult r = loss.computeFromSoftmaxLogits(yb, tape.softmaxLogits(0), null);
            tape.backward(List.of(r.gradient()), new boolean[]{true}, false);
            opt.apply(weights);
        }
        long count = OpProfiler.getInstance().getInvocationsCount();
        if (System.getenv("JKERAS_BENCH_OP_DASHBOARD") != null) OpProfiler.getInstance().printOutDashboard();
        Nd4j.getExecutioner().setProfilingConfig(ProfilerConfig.builder().build());
        return count / n;
    }

    /**
     * The median time of the bare ND4J calls of an Adam step over the same variables ({@code adam_updater}
     * writing the new moments and the update, then one subtraction), on copies, so training is unaffected:
     * what the optimizer phase would cost with no framework around it.
     */
    static double bareAdamMillis(List<Variable> weights, int steps) {
        int k = weights.size();
        INDArray[] w = new INDArray[k], g = new INDArray[k], m = new INDArray[k], v = new INDArray[k], u = new INDArray[k];
        for (int i = 0; i < k; i++) {
            w[i] = weights.get(i).value().dup();
            g[i] = weights.get(i).grad() != null ? weights.get(i).grad().dup() : w[i].mul(1e-3);
            m[i] = w[i].ulike().assign(0);
            v[i] = w[i].ulike().assign(0);
            u[i] = w[i].ulike();
        }
        double[] t = new double[steps];
        for (int s = 0; s < 20 + steps; s++) {
            long t0 = System.nanoTime();
            for (int i = 0; i < k; i++) {
                Nd4j.exec(new AdamUpdater(g[i], v[i], m[i], u[i], v[i], m[i], 1e-3, 0.9, 0.999, 1e-7, s));
                w[i].subi(u[i]);
            }
            if (s >= 20) t[s - 20] = (System.nanoTime() - t0) / 1e6;
        }
        return BenchOut.median(t);
    }

    static long[] permutation(long n) {
        long[] a = new long[(int) n];
        for (int i = 0; i < n; i++) a[i] = i;
        for (int i = (int) n - 1; i > 0; i--) {
            int j = Keras.random().nextInt(i + 1);
            long tmp = a[i];
            a[i] = a[j];
            a[j] = tmp;
        }
        return a;
    }

    private static double mean(double[] v) {
        double s = 0;
        for (double x : v) s += x;
        return s / v.length;
    }
}
