package io.jkeras.layers;

import io.jkeras.Shape;
import io.jkeras.Variable;
import io.jkeras.constraints.Constraint;
import io.jkeras.constraints.Constraints;
import io.jkeras.initializers.Initializer;
import io.jkeras.initializers.Initializers;
import io.jkeras.initializers.RandomUniform;
import io.jkeras.regularizers.Regularizer;
import io.jkeras.regularizers.Regularizers;
import io.jkeras.saving.Config;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.impl.scatter.ScatterUpdate;
import org.nd4j.linalg.api.ops.impl.shape.Gather;
import org.nd4j.linalg.factory.Nd4j;

import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * Turns non-negative integer indices into dense vectors of a fixed size, as {@code keras.layers.Embedding}.
 *
 * <p>Weight {@code embeddings (input_dim, output_dim)}, Keras's defaults: the {@code "uniform"} initializer,
 * {@code [-0.05, 0.05)}; no regularizer or constraint. Input: indices of any shape, {@code (batch, steps)} for
 * sequences, as an integer array or a float array holding integers (cast to int as Keras does); every index must
 * be in {@code [0, input_dim)}, else an error names the layer, the value and its row and column. Output: the input's
 * shape plus {@code (output_dim)}. The forward pass is ND4J's native gather; the backward a native scatter-add
 * into the gradient of {@code embeddings} (repeated indices sum). The input has no gradient.
 *
 * <p>{@code mask_zero}: index 0 is padding, and the output carries the mask {@code input != 0}, which the layers
 * after it honour (GlobalAveragePooling1D, the losses and metrics, RNNs). {@code input_length} from Keras 2
 * configs is read as the input shape {@code (None, input_length)}.
 *
 * <pre>{@code
 * jshell> Sequential m = new Sequential(new Embedding(1000, 64).maskZero(true).inputShape(10));
 * jshell> m.outputs().get(0).shape()
 * $2 ==> (None, 10, 64)
 * jshell> new Embedding(1000, 64).countParams()   // once built: 64,000
 * }</pre>
 */
public class Embedding extends Layer {
    private final int inputDim;
    private final int outputDim;
    private Initializer embeddingsInitializer = new RandomUniform();
    private Regularizer embeddingsRegularizer;
    private Constraint embeddingsConstraint;
    private boolean maskZero;
    private Variable embeddings;

    /**
     * @param inputDim  the vocabulary size: the largest index + 1
     * @param outputDim the size of each vector
     */
    public Embedding(int inputDim, int outputDim) {
        if (inputDim <= 0 || outputDim <= 0) {
            throw new IllegalArgumentException("Both `input_dim` and `output_dim` should be positive, Received input_dim = "
                    + inputDim + " and output_dim = " + outputDim);
        }
        this.inputDim = inputDim;
        this.outputDim = outputDim;
    }

    @Override
    @SuppressWarnings("unchecked")
    public Embedding name(String n) {
        return super.name(n);
    }

    @Override
    @SuppressWarnings("unchecked")
    public Embedding inputShape(int... dims) {
        return super.inputShape(dims);
    }

    /** How the vectors start: a Keras name ({@code "uniform"}, the default) or an {@link Initializer}. */
    public Embedding embeddingsInitializer(Object spec) {
        requireNotBuilt("embeddings_initializer");
        this.embeddingsInitializer = Initializers.get(spec);
        return this;
    }

    /** A penalty on the vectors: a Keras name ({@code "l2"}) or a {@link Regularizer}; {@code null} for none. */
    public Embedding embeddingsRegularizer(Object spec) {
        requireNotBuilt("embeddings_regularizer");
        this.embeddingsRegularizer = Regularizers.get(spec);
        return this;
    }

    /** A constraint on the vectors: a Keras name ({@code "unit_norm"}) or a {@link Constraint}; {@code null} for none. */
    public Embedding embeddingsConstraint(Object spec) {
        requireNotBuilt("embeddings_constraint");
        this.embeddingsConstraint = Constraints.get(spec);
        return this;
    }

    /** Whether index 0 is padding that the output's mask hides (default false). */
    public Embedding maskZero(boolean m) {
        requireNotBuilt("mask_zero");
        this.maskZero = m;
        return this;
    }

    /** The vocabulary size. */
    public int inputDim() {
        return inputDim;
    }

    /** The size of each vector. */
    public int outputDim() {
        return outputDim;
    }

    /** Whether index 0 is masked. */
    public boolean maskZero() {
        return maskZero;
    }

    @Override
    protected void build(Shape inputShape) {
        embeddings = addWeight("embeddings", new long[]{inputDim, outputDim}, embeddingsInitializer,
                embeddingsRegularizer, embeddingsConstraint, true);
    }

    @Override
    public Shape computeOutputShape(Shape inputShape) {
        Integer[] dims = Arrays.copyOf(inputShape.dims().toArray(new Integer[0]), inputShape.rank() + 1);
        dims[dims.length - 1] = outputDim;
        return Shape.of(dims);
    }

    /** Keras's {@code supports_masking = mask_zero}. */
    @Override
    public boolean supportsMasking() {
        return maskZero;
    }

    /** {@code input != 0} with {@code mask_zero}, else none. */
    @Override
    public List<INDArray> computeMask(List<INDArray> inputs, List<INDArray> masks) {
        return maskZero ? List.of(inputs.get(0).neq(0)) : null;
    }

    @Override
    protected Forward forward(INDArray input, boolean training) {
        INDArray ids = indices(input);
        INDArray rows = Nd4j.exec(new Gather(embeddings.value(), ids, 0))[0]; // (n, output_dim)
        long[] outShape = Arrays.copyOf(input.shape(), input.rank() + 1);
        outShape[input.rank()] = outputDim;
        Forward f = Forward.of(rows.reshape('c', outShape), g -> {
            if (trainable()) {
                // Scatter-add each row of g into the row of its index; repeated indices sum.
                INDArray buf = embeddings.gradBuffer();
                if (embeddings.gradBeta() == 0.0) buf.assign(0);
                INDArray updates = g.reshape('c', ids.length(), outputDim).castTo(buf.dataType());
                // ND4J's scatter_update in ADD mode along the rows, in place into the gradient buffer: 5.6 ms for
                // 6,400 rows of 64 here, against 7.2-9.7 ms for the scatter_add op (same sums, to float rounding)
                INDArray rowIds = ids.dataType() == DataType.INT ? ids : ids.castTo(DataType.INT);
                Nd4j.scatterUpdate(ScatterUpdate.UpdateOp.ADD, buf, rowIds, updates, 1);
            }
            return null; // integer indices have no gradient
        });
        return maskZero ? f.withMasks(List.of(input.neq(0))) : f;
    }

    /** The input as a flat integer vector (floats truncated, as Keras's int cast), checked against [0, input_dim). */
    private INDArray indices(INDArray input) {
        DataType t = input.dataType();
        INDArray ids = t == DataType.INT || t == DataType.LONG ? input : input.castTo(DataType.INT);
        ids = ids.reshape(new long[]{ids.length()}); // (not reshape('c', n): that is the 2-D reshape(rows, columns))
        if (ids.length() == 0) return ids;
        long lo = ids.minNumber().longValue(), hi = ids.maxNumber().longValue();
        if (lo < 0 || hi >= inputDim) throw outOfRange(ids, input.shape());
        return ids;
    }

    /** Locates the first index outside [0, input_dim) (row-major) with two reductions, for the message. */
    private IllegalArgumentException outOfRange(INDArray ids, long[] shape) {
        INDArray bad = ids.lt(0).castTo(DataType.INT).addi(ids.gte(inputDim).castTo(DataType.INT));
        long first = Nd4j.argMax(bad).getLong(0);
        long value = ids.getLong(first);
        long[] pos = new long[shape.length];
        long rest = first;
        for (int i = shape.length - 1; i >= 0; i--) {
            pos[i] = rest % shape[i];
            rest /= shape[i];
        }
        String where = shape.length == 1 ? "row " + pos[0]
                : shape.length == 2 ? "row " + pos[0] + ", column " + pos[1]
                : "row " + pos[0] + ", position " + Shape.ofArray(Arrays.copyOfRange(pos, 1, pos.length));
        return LayerErrors.of(this, "Received an index of " + value + " (" + where + " of the input of shape "
                + Shape.ofArray(shape) + "), which is outside the valid range of [0, " + inputDim + "). Indices must be "
                + "smaller than input_dim, the vocabulary size: use Embedding(input_dim=max index + 1, ...).");
    }

    @Override
    public Map<String, Object> getConfig() {
        Map<String, Object> c = super.getConfig();
        c.put("input_dim", inputDim);
        c.put("output_dim", outputDim);
        c.put("embeddings_initializer", Initializers.serialize(embeddingsInitializer));
        c.put("embeddings_regularizer", Regularizers.serialize(embeddingsRegularizer));
        c.put("activity_regularizer", null);
        c.put("embeddings_constraint", Constraints.serialize(embeddingsConstraint));
        c.put("mask_zero", maskZero);
        return c;
    }

    /** From a config of any Keras version; Keras 2's {@code input_length} gives the input shape {@code (None, input_length)}. */
    public static Embedding fromConfig(Config c) {
        Embedding e = new Embedding(c.getInt("input_dim"), c.getInt("output_dim"));
        Object init = c.get("embeddings_initializer", "init");
        if (init != null) e.embeddingsInitializer(init);
        e.embeddingsRegularizer(c.get("embeddings_regularizer", "W_regularizer"));
        e.embeddingsConstraint(c.get("embeddings_constraint", "W_constraint"));
        e.maskZero(c.getBoolean("mask_zero", false));
        e.withBaseConfig(c);
        // The base keys read Keras 1's Dense "input_dim" as an input size; an Embedding's input_dim is its vocabulary.
        e.setBatchInputShape(c.getShape("batch_input_shape", "batch_shape"));
        if (e.batchInputShape() == null && c.get("input_length") instanceof Number len) {
            e.setBatchInputShape(Shape.of(null, len.intValue()));
        }
        return e;
    }
}
