package io.jkeras.models;

import io.jkeras.Shape;
import io.jkeras.utils.Workspaces;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;

import io.jkeras.callbacks.CallbackList;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.Map;
import java.util.List;

/**
 * Batched inference for {@link Model#predict}: slices the inputs along the batch axis (views, no copies),
 * runs the graph in inference mode, and writes each batch's outputs into preallocated result arrays.
 */
final class Predictor {
    private Predictor() {
    }

    static List<INDArray> predict(Model model, List<INDArray> xs, int batchSize) {
        return predict(model, xs, batchSize, new CallbackList(List.of(), model, Map.of()));
    }

    /** Predicts in batches, firing the predict hooks of {@code callbacks} (the progress bar among them). */
    static List<INDArray> predict(Model model, List<INDArray> xs, int batchSize, CallbackList callbacks) {
        if (batchSize <= 0) throw new IllegalArgumentException("batch_size must be positive. Received: batch_size=" + batchSize);
        if (xs.isEmpty()) throw new IllegalArgumentException("predict() needs at least one input array.");
        long n = xs.get(0).size(0);
        List<Shape> shapes = new ArrayList<>();
        for (int i = 0; i < xs.size(); i++) {
            if (xs.get(i).rank() == 0 || xs.get(i).size(0) != n) {
                throw new IllegalArgumentException("Data cardinality is ambiguous: input 0 has " + n + " samples but input "
                        + i + " has shape " + Shape.ofArray(xs.get(i).shape()) + ". Make sure all arrays contain the same number of samples.");
            }
            shapes.add(Shape.ofArray(xs.get(i).shape()).with(0, null));
        }
        model.checkInputs(shapes);
        List<INDArray> outs = null;
        callbacks.onPredictBegin(new HashMap<>());
        for (long start = 0; start < n; start += batchSize) {
            long end = Math.min(n, start + batchSize);
            int b = (int) (start / batchSize);
            callbacks.onPredictBatchBegin(b, new HashMap<>());
            List<INDArray> batch = new ArrayList<>();
            for (INDArray x : xs) batch.add(model.castInput(slice(x, start, end)));
            try (Workspaces.Scope ignored = Workspaces.open("jkeras_predict_step")) {
                List<INDArray> ys = model.forward(batch, false).outputs();
                if (outs == null) outs = Workspaces.persistent(() -> results(ys, n));
                for (int j = 0; j < ys.size(); j++) slice(outs.get(j), start, end).assign(ys.get(j));
            }
            callbacks.onPredictBatchEnd(b, new HashMap<>());
        }
        if (outs == null) throw new IllegalArgumentException("predict() received 0 samples.");
        callbacks.onPredictEnd(new HashMap<>());
        return outs;
    }

    /** The result arrays: each output's shape with {@code n} rows. */
    private static List<INDArray> results(List<INDArray> ys, long n) {
        List<INDArray> outs = new ArrayList<>();
        for (INDArray y : ys) {
            long[] s = y.shape().clone();
            s[0] = n;
            outs.add(Nd4j.createUninitialized(y.dataType(), s));
        }
        return outs;
    }

    /** Rows {@code [start, end)} of an array, as a view. */
    static INDArray slice(INDArray x, long start, long end) {
        if (start == 0 && end == x.size(0)) return x;
        return x.get(NDArrayIndex.interval(start, end));
    }
}
