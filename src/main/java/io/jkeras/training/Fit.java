package io.jkeras.training;

import io.jkeras.Shape;
import io.jkeras.callbacks.Callback;
import io.jkeras.callbacks.CallbackList;
import io.jkeras.callbacks.ProgbarLogger;
import io.jkeras.callbacks.History;
import io.jkeras.data.ArrayBatches;
import io.jkeras.data.Batch;
import io.jkeras.data.BatchSource;
import io.jkeras.models.Model;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.indexing.NDArrayIndex;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * What {@code model.fit}, {@code evaluate} and the {@code *OnBatch} methods do before the loop: check that
 * the model is compiled and the data fits it (counts, cardinality, shapes), split off validation data
 * (the last fraction, before shuffling, as Keras), and wrap arrays as batch sources.
 */
public final class Fit {
    private Fit() {
    }

    /** {@code fit} on arrays, one per input and one per output. */
    public static History fit(Model model, Compiled c, List<INDArray> x, List<INDArray> y, FitOptions o) {
        Compiled compiled = requireCompiled(model, c);
        checkData(model, x, y);
        long n = ArrayBatches.checkCardinality(x, y, o.sampleWeight);
        if (o.classWeight != null && model.outputNames().size() > 1) {
            throw new IllegalArgumentException("`class_weight` is only supported for Models with a single output.");
        }
        List<INDArray> tx = x, ty = y, vx = o.validationX, vy = o.validationY;
        INDArray sw = o.sampleWeight, vsw = o.validationSampleWeight;
        if (vx == null && o.validationSource == null && o.validationSplit > 0) {
            long split = (long) Math.floor(n * (1.0 - o.validationSplit));
            if (split == 0 || split == n) {
                throw new IllegalArgumentException("validation_split=" + o.validationSplit + " leaves no " + (split == 0 ? "training" : "validation")
                        + " samples out of " + n + ". Use a split that keeps at least one sample on each side.");
            }
            tx = rows(x, 0, split);
            ty = rows(y, 0, split);
            vx = rows(x, split, n);
            vy = rows(y, split, n);
            if (sw != null) {
                vsw = sw.get(NDArrayIndex.interval(split, n));
                sw = sw.get(NDArrayIndex.interval(0, split));
            }
        }
        BatchSource train = new ArrayBatches(tx, ty, sw, o.batchSize, o.shuffle);
        BatchSource val = o.validationSource;
        if (val == null && vx != null) {
            checkData(model, vx, vy);
            val = new ArrayBatches(vx, vy, vsw, o.batchSize, false);
        }
        return new Trainer(model, compiled).fit(train, val, o);
    }

    /** {@code fit} on a batch source. */
    public static History fit(Model model, Compiled c, BatchSource train, FitOptions o) {
        Compiled compiled = requireCompiled(model, c);
        BatchSource val = o.validationSource;
        if (val == null && o.validationX != null) val = new ArrayBatches(o.validationX, o.validationY, o.validationSampleWeight, o.batchSize, false);
        return new Trainer(model, compiled).fit(train, val, o);
    }

    /** {@code evaluate} on arrays; returns {@code loss} and the metrics by name. */
    public static Map<String, Double> evaluate(Model model, Compiled c, List<INDArray> x, List<INDArray> y, int batchSize,
                                               int verbose, List<Callback> callbacks) {
        Compiled compiled = requireCompiled(model, c);
        checkData(model, x, y);
        return evaluate(model, compiled, new ArrayBatches(x, y, null, batchSize, false), verbose, callbacks);
    }

    /** {@code evaluate} on a batch source, with Keras's progress bar when {@code verbose} is 1 or 2. */
    public static Map<String, Double> evaluate(Model model, Compiled c, BatchSource data, int verbose, List<Callback> callbacks) {
        Compiled compiled = requireCompiled(model, c);
        List<Callback> cbs = new ArrayList<>(callbacks);
        if (verbose > 0) cbs.add(new ProgbarLogger());
        return new Trainer(model, compiled).evaluate(data, null, new CallbackList(cbs, model, CallbackList.params(1, data.steps(), verbose)), "");
    }

    /** One training step on one batch of arrays. */
    public static Map<String, Double> trainOnBatch(Model model, Compiled c, List<INDArray> x, List<INDArray> y, INDArray sampleWeight,
                                                   Map<Integer, Double> classWeight) {
        Compiled compiled = requireCompiled(model, c);
        checkData(model, x, y);
        ArrayBatches.checkCardinality(x, y, sampleWeight);
        return new Trainer(model, compiled).trainOnBatch(new Batch(x, y, sampleWeight), classWeight);
    }

    /** Loss and metrics on one batch of arrays. */
    public static Map<String, Double> testOnBatch(Model model, Compiled c, List<INDArray> x, List<INDArray> y, INDArray sampleWeight) {
        Compiled compiled = requireCompiled(model, c);
        checkData(model, x, y);
        ArrayBatches.checkCardinality(x, y, sampleWeight);
        return new Trainer(model, compiled).testOnBatch(new Batch(x, y, sampleWeight));
    }

    private static Compiled requireCompiled(Model model, Compiled c) {
        if (c == null) {
            throw new IllegalStateException("You must compile your model before training/testing. Use `model.compile(optimizer, loss)`.");
        }
        return c;
    }

    /** One array per input and per output, with the shapes the inputs need (Keras's messages). */
    private static void checkData(Model model, List<INDArray> x, List<INDArray> y) {
        List<Shape> shapes = new ArrayList<>();
        for (INDArray a : x) shapes.add(Shape.ofArray(a.shape()).with(0, null));
        model.checkInputs(shapes); // builds an unbuilt Sequential; checks count and shapes
        int outputs = model.outputNames().size();
        if (y.size() != outputs) {
            throw new IllegalArgumentException("The model has " + outputs + " output(s) " + model.outputNames()
                    + ", but " + y.size() + " target array(s) were given.");
        }
    }

    /** Arrays given by layer name, in the model's order; Keras's message for a missing or unknown name. */
    public static List<INDArray> byName(String what, Map<String, INDArray> data, List<String> names) {
        List<String> unknown = data.keySet().stream().filter(k -> !names.contains(k)).toList();
        List<String> missing = names.stream().filter(k -> !data.containsKey(k)).toList();
        if (!unknown.isEmpty() || !missing.isEmpty()) {
            throw new IllegalArgumentException("The `" + what + "` dictionary must have exactly the keys " + names
                    + (missing.isEmpty() ? "" : "; missing: " + missing) + (unknown.isEmpty() ? "" : "; unknown: " + unknown) + ".");
        }
        List<INDArray> out = new ArrayList<>();
        for (String n : names) out.add(data.get(n));
        return out;
    }

    private static List<INDArray> rows(List<INDArray> arrays, long from, long to) {
        List<INDArray> out = new ArrayList<>();
        for (INDArray a : arrays) out.add(a.get(NDArrayIndex.interval(from, to)));
        return out;
    }
}
