package io.jkeras.optimizers;

import io.jkeras.Keras;
import io.jkeras.Shape;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reading and restoring an optimizer's variables in Keras 3's names and order: {@code iteration}
 * (int64), {@code learning_rate} (floatx; only without a schedule), the slots, then optimizer-wide
 * state. Restoring copies values into the live slot arrays, so the optimizer keeps its buffers.
 */
final class OptimizerState {
    private static final Logger LOG = LoggerFactory.getLogger(OptimizerState.class);

    private OptimizerState() {
    }

    static LinkedHashMap<String, INDArray> read(Optimizer o, SlotStore slots, Map<String, INDArray> extra) {
        LinkedHashMap<String, INDArray> out = new LinkedHashMap<>();
        out.put("iteration", Nd4j.scalar(DataType.LONG, o.iterations()));
        if (o.learningRateSchedule() == null) {
            out.put("learning_rate", Nd4j.scalar(Keras.dataType(Keras.floatx()), o.learningRate()));
        }
        out.putAll(slots.ordered());
        out.putAll(extra);
        return out;
    }

    static void write(Optimizer o, Map<String, INDArray> current, Map<String, INDArray> given) {
        requireBuilt(o);
        for (String key : current.keySet()) {
            if (!given.containsKey(key)) {
                throw new IllegalArgumentException("The state given to optimizer '" + o.name() + "' lacks \"" + key
                        + "\". It has " + given.keySet() + "; expected " + current.keySet() + ".");
            }
        }
        List<INDArray> ordered = new ArrayList<>();
        for (String key : current.keySet()) ordered.add(given.get(key));
        assign(o, current, ordered);
    }

    static boolean writeOrdered(Optimizer o, Map<String, INDArray> current, List<INDArray> values) {
        requireBuilt(o);
        if (values.size() != current.size()) {
            LOG.warn("Skipping variable loading for optimizer '{}', because it has {} variables whereas the saved "
                    + "optimizer has {} variables.", o.name(), current.size(), values.size());
            return false;
        }
        assign(o, current, values);
        return true;
    }

    private static void assign(Optimizer o, Map<String, INDArray> current, List<INDArray> values) {
        int i = 0;
        for (Map.Entry<String, INDArray> e : current.entrySet()) {
            INDArray v = values.get(i++);
            switch (e.getKey()) {
                case "iteration" -> o.iterations(v.getLong(0));
                case "learning_rate" -> o.learningRate(v.getDouble(0));
                default -> {
                    INDArray target = e.getValue();
                    if (!Arrays.equals(target.shape(), v.shape()) && target.length() != v.length()) {
                        throw new IllegalArgumentException("Optimizer variable " + e.getKey() + " has shape "
                                + Shape.ofArray(target.shape()) + " not compatible with provided weight shape "
                                + Shape.ofArray(v.shape()) + ".");
                    }
                    // A scalar saved as shape () or (1,) both fit; types are converted by assign.
                    target.assign(v.reshape(target.shape()));
                }
            }
        }
    }

    private static void requireBuilt(Optimizer o) {
        if (!o.isBuilt()) {
            throw new IllegalStateException("You are calling `setState()` on an optimizer that has not yet been built. "
                    + "Please call `optimizer.build(trainableVariables)` to create the optimizer weights first.");
        }
    }
}
