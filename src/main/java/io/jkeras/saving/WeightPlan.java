package io.jkeras.saving;

import io.jkeras.Shape;
import io.jkeras.Variable;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The weights read from a file, checked before any is assigned: loading either fails as a whole, leaving
 * the model untouched, or assigns everything that matched (with {@code skipMismatch}, after logging what
 * was skipped, as Keras warns). Problems are kept per layer so the message names the first one and lists
 * the rest.
 */
final class WeightPlan {
    private static final Logger LOG = LoggerFactory.getLogger(WeightPlan.class);

    private final String file;
    private final List<Variable> targets = new ArrayList<>();
    private final List<INDArray> values = new ArrayList<>();
    private final Map<String, String> problems = new LinkedHashMap<>();

    WeightPlan(String file) {
        this.file = file;
    }

    /** Queues {@code value} for {@code v}; the caller has checked the shape. */
    void add(Variable v, INDArray value) {
        targets.add(v);
        values.add(value);
    }

    /** Records that layer (or object) {@code name} cannot be loaded, and why; its first reason is kept. */
    void fail(String name, String reason) {
        problems.putIfAbsent(name, reason);
    }

    boolean hasProblems() {
        return !problems.isEmpty();
    }

    /** The message for a shape that does not fit, in Keras's words. */
    static String shapeMismatch(String layer, int index, Variable v, long[] saved) {
        return "Shape mismatch in layer \"" + layer + "\" for weight #" + index + " (" + v.path() + "). Weight expects shape "
                + Shape.ofArray(v.value().shape()) + ". Received saved weight with shape " + Shape.ofArray(saved) + ".";
    }

    /**
     * The IOException for weights that do not fit the model rebuilt from the same file's config: a file that
     * contradicts itself is damaged (or was edited), which is not the caller's mistake.
     */
    static IOException notItsOwn(IllegalArgumentException e) {
        return new IOException(e.getMessage() + " The file's weights do not fit the model its own config describes: the "
                + "file is damaged or was edited.", e);
    }

    /**
     * Assigns every queued value. With problems, throws (nothing assigned) unless {@code skipMismatch},
     * in which case it logs each skipped layer and assigns the rest.
     *
     * @throws IllegalArgumentException naming the file, the first failing layer and the list of all of them
     */
    void apply(boolean skipMismatch) {
        if (!problems.isEmpty()) {
            if (!skipMismatch) {
                Map.Entry<String, String> first = problems.entrySet().iterator().next();
                throw new IllegalArgumentException(file + ": the weights of " + problems.size() + " layer(s) could not be loaded. "
                        + "First: " + first.getValue() + " Layers that could not be loaded: " + List.copyOf(problems.keySet())
                        + ". Check that the model has the architecture of the saved one, or pass skipMismatch=true "
                        + "(with byName=true for .h5 files) to load only what fits.");
            }
            for (String reason : problems.values()) LOG.warn("{}: skipping: {}", file, reason);
        }
        for (int i = 0; i < targets.size(); i++) {
            Variable v = targets.get(i);
            v.assign(values.get(i).castTo(v.value().dataType()));
        }
    }
}
