package io.jkeras.layers;

import io.jkeras.Keras;
import io.jkeras.Shape;
import io.jkeras.Variable;
import io.jkeras.data.Batch;
import io.jkeras.data.BatchSource;
import io.jkeras.saving.Config;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.ops.transforms.Transforms;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * Shifts and scales inputs to mean 0 and variance 1, {@code (x - mean) / sqrt(variance)}, as
 * {@code keras.layers.Normalization}; with {@code invert}, the inverse {@code mean + x * sqrt(variance)}.
 * The square root is kept above Keras's epsilon (1e-7).
 *
 * <p>The statistics are kept per index of the {@code axis} axes (default -1: one mean and variance per feature;
 * {@code axis()} with no axes: one scalar pair) and reduced over the others. They are either given
 * ({@code mean}/{@code variance}: numbers, or one value per index of the last kept axis; written in the config,
 * no weights) or learned by {@link #adapt(INDArray)}, which computes them over a data set (the biased variance, as
 * NumPy's {@code var}) into the layer's non-trainable weights {@code mean}, {@code variance} and {@code count}
 * (int64, kept at 0 as Keras 3 keeps it): they are saved and loaded with the model. Output shape = input shape.
 * The gradient is the output's divided (or, inverted, multiplied) by the same scale.
 *
 * <pre>{@code
 * jshell> Normalization norm = new Normalization();
 * jshell> norm.adapt(Nd4j.createFromArray(new float[][]{{0, 7, 4}, {2, 9, 6}, {0, 7, 4}, {2, 9, 6}}));
 * jshell> norm.apply(Nd4j.createFromArray(new float[][]{{0, 7, 4}}))
 * $3 ==> [[-1.0000, -1.0000, -1.0000]]
 * }</pre>
 */
public class Normalization extends Layer {
    /** Zeros in int64 whatever the layer's float type: Keras 3's {@code count} weight. */
    private static final io.jkeras.initializers.Initializer INT64_ZERO = new io.jkeras.initializers.Initializer() {
        @Override
        public INDArray apply(long[] shape, DataType dataType) {
            return Nd4j.zeros(DataType.LONG, shape);
        }

        @Override
        public Map<String, Object> getConfig() {
            return Map.of();
        }
    };

    private int[] axis = {-1};
    private double[] inputMean;
    private double[] inputVariance;
    private boolean scalarStats;
    private boolean invert;
    private int[] keep;
    private long[] broadcast;
    private Variable mean;
    private Variable variance;
    private INDArray fixedMean;
    private INDArray fixedVariance;

    /** A layer over the last axis, to be adapted. */
    public Normalization() {
    }

    /** The axes that keep their own statistics (none: one scalar mean and variance). */
    public Normalization axis(int... axes) {
        requireNotBuilt("axis");
        this.axis = axes == null ? new int[0] : axes.clone();
        checkStats();
        return this;
    }

    /** Fixed statistics, the same for every index (no {@link #adapt}). */
    public Normalization meanAndVariance(double mean, double variance) {
        requireNotBuilt("mean");
        this.inputMean = new double[]{mean};
        this.inputVariance = new double[]{variance};
        this.scalarStats = true;
        return this;
    }

    /** Fixed statistics, one per index of the last kept axis. */
    public Normalization meanAndVariance(double[] mean, double[] variance) {
        requireNotBuilt("mean");
        if ((mean == null) != (variance == null)) {
            throw new IllegalArgumentException("When setting values directly, both `mean` and `variance` must be set. Received: mean="
                    + Arrays.toString(mean) + " and variance=" + Arrays.toString(variance));
        }
        if (mean != null && mean.length != variance.length) {
            throw new IllegalArgumentException("When setting values directly, `mean` and `variance` must have the same shape. Received: "
                    + "mean shape (" + mean.length + ",) and variance shape (" + variance.length + ",)");
        }
        this.inputMean = mean == null ? null : mean.clone();
        this.inputVariance = variance == null ? null : variance.clone();
        this.scalarStats = false;
        checkStats();
        return this;
    }

    private void checkStats() {
        if (inputMean != null && !scalarStats && axis.length < 1) {
            throw new IllegalArgumentException("The rank of `mean` must be less than or equal to the number of axes (0). "
                    + "Received: mean shape (" + inputMean.length + ",) for axis ()");
        }
    }

    /** Applies the inverse: turns normalized values back into data (default false). */
    public Normalization invert(boolean i) {
        requireNotBuilt("invert");
        this.invert = i;
        return this;
    }

    @Override
    public boolean supportsMasking() {
        return true;
    }

    @Override
    protected void build(Shape in) {
        int ndim = in.rank();
        for (int a : axis) {
            if (a < -ndim || a >= ndim) {
                throw new IllegalArgumentException("All `axis` values must be in the range [-ndim, ndim). Received inputs with ndim="
                        + ndim + ", while axis=" + LayerErrors.tuple(axis));
            }
        }
        keep = Arrays.stream(axis).map(a -> a < 0 ? a + ndim : a).distinct().sorted().toArray();
        long[] statShape = new long[keep.length];
        broadcast = new long[ndim];
        Arrays.fill(broadcast, 1);
        for (int i = 0; i < keep.length; i++) {
            Integer d = in.get(keep[i]);
            if (d == null) {
                throw new IllegalArgumentException("All `axis` values to be kept must have a known shape. Received axis="
                        + LayerErrors.tuple(axis) + ", inputs.shape=" + in + ", with unknown axis at index " + keep[i]);
            }
            statShape[i] = d;
            broadcast[keep[i]] = d;
        }
        if (inputMean == null) {
            mean = addWeight("mean", statShape, new io.jkeras.initializers.Zeros(), null, null, false);
            variance = addWeight("variance", statShape, new io.jkeras.initializers.Ones(), null, null, false);
            // Kept "for backwards compatibility with older saved models", as Keras 3: an int64 scalar never updated.
            addWeight("count", new long[0], INT64_ZERO, null, null, false);
        } else {
            fixedMean = given(inputMean, in);
            fixedVariance = given(inputVariance, in);
        }
    }

    /** Given statistics broadcast to the kept axes: a number everywhere, or a vector along the last kept axis. */
    private INDArray given(double[] v, Shape in) {
        INDArray out = Nd4j.zeros(dataType(), broadcast);
        if (v.length == 1 && scalarStats) return out.addi(v[0]);
        long[] shape = new long[broadcast.length];
        Arrays.fill(shape, 1);
        int last = keep[keep.length - 1];
        shape[last] = v.length;
        if (v.length != broadcast[last] && v.length != 1) {
            throw LayerErrors.of(this, "`mean` and `variance` of " + v.length + " values cannot be broadcast to the kept axes of the input "
                    + in + " (size " + broadcast[last] + " at axis " + last + ")");
        }
        return out.addi(Nd4j.createFromArray(v).castTo(dataType()).reshape(shape));
    }

    @Override
    protected Forward forward(INDArray input, boolean training) {
        INDArray x = input.dataType() == dataType() ? input : input.castTo(dataType());
        INDArray m = fixedMean != null ? fixedMean : mean.value().reshape(broadcast);
        INDArray v = fixedVariance != null ? fixedVariance : variance.value().reshape(broadcast);
        INDArray scale = Transforms.max(Transforms.sqrt(v, true), Keras.EPSILON, false);
        if (invert) return Forward.of(x.mul(scale).addi(m), g -> g.mul(scale));
        return Forward.of(x.sub(m).divi(scale), g -> g.div(scale));
    }

    /**
     * Learns the mean and variance of {@code data} (samples along axis 0) per index of the kept axes, replacing
     * earlier ones; builds the layer from {@code data}'s shape if it is not built.
     */
    public void adapt(INDArray data) {
        prepare(data);
        int[] reduce = reduceAxes(data.rank());
        INDArray d = data.castTo(DataType.DOUBLE);
        store(reduce.length == 0 ? d : d.mean(reduce), reduce.length == 0 ? Nd4j.zerosLike(d) : d.var(false, reduce));
    }

    /** {@link #adapt(INDArray)} over batches, combined as Keras combines them (count-weighted mean and variance). */
    public void adapt(Iterable<INDArray> batches) {
        Iterator<INDArray> it = batches.iterator();
        if (!it.hasNext()) {
            throw new IllegalArgumentException("adapt() received an empty iterable (no batches). Expected at least one batch.");
        }
        INDArray totalMean = null, totalVar = null;
        long totalCount = 0;
        while (it.hasNext()) {
            INDArray batch = it.next();
            if (totalMean == null) prepare(batch);
            int[] reduce = reduceAxes(batch.rank());
            INDArray b = batch.castTo(DataType.DOUBLE);
            INDArray bm = reduce.length == 0 ? b : b.mean(reduce), bv = reduce.length == 0 ? Nd4j.zerosLike(b) : b.var(false, reduce);
            long count = 1;
            for (int a : reduce) count *= batch.size(a);
            totalCount += count;
            double bw = (double) count / totalCount, ew = 1.0 - bw;
            if (totalMean == null) {
                totalMean = Nd4j.zerosLike(bm);
                totalVar = Nd4j.zerosLike(bv);
            }
            // Keras's lack-of-fit sum of squares update.
            INDArray newMean = totalMean.mul(ew).addi(bm.mul(bw));
            INDArray dOld = totalMean.sub(newMean), dNew = bm.sub(newMean);
            totalVar = totalVar.add(dOld.muli(dOld)).muli(ew).addi(bv.add(dNew.muli(dNew)).muli(bw));
            totalMean = newMean;
        }
        store(totalMean, totalVar);
    }

    /** {@link #adapt(Iterable)} over the inputs ({@code x}, first input) of a batch source. */
    public void adapt(BatchSource batches) {
        List<INDArray> xs = new ArrayList<>();
        for (Batch b : batches) xs.add(b.x().get(0));
        adapt(xs);
    }

    private void prepare(INDArray data) {
        if (inputMean != null) {
            throw new IllegalStateException("Layer \"" + name() + "\" (Normalization) was given `mean` and `variance`; it cannot be adapted.");
        }
        Shape s = Shape.ofArray(data.shape()).with(0, null);
        if (!isBuilt()) {
            ensureBuilt(List.of(s));
            return;
        }
        for (int k : keep) {
            if (k >= s.rank() || broadcast[k] != data.size(k)) {
                throw new IllegalArgumentException("The layer was built with a kept axis " + k + " of size " + broadcast[k]
                        + ", but adapt() is being called with data with an incompatible shape, data.shape=" + Shape.ofArray(data.shape()));
            }
        }
    }

    private int[] reduceAxes(int rank) {
        return java.util.stream.IntStream.range(0, rank).filter(d -> Arrays.binarySearch(keep, d) < 0).toArray();
    }

    private void store(INDArray m, INDArray v) {
        long[] shape = mean.value().shape();
        mean.assign(m.reshape(shape).castTo(mean.value().dataType()));
        variance.assign(v.reshape(shape).castTo(variance.value().dataType()));
    }

    @Override
    public Map<String, Object> getConfig() {
        Map<String, Object> c = super.getConfig();
        c.put("axis", Arrays.stream(axis).boxed().toList());
        c.put("invert", invert);
        c.put("mean", stat(inputMean));
        c.put("variance", stat(inputVariance));
        return c;
    }

    private Object stat(double[] v) {
        if (v == null) return null;
        return scalarStats ? (Object) v[0] : Arrays.stream(v).boxed().toList();
    }

    /** From a Keras 2, tf.keras or Keras 3 config ({@code axis} an int, a list, or null for none). */
    public static Normalization fromConfig(Config c) {
        Normalization n = new Normalization();
        Object a = c.get("axis");
        if (c.has("axis")) n.axis(a == null ? new int[0] : c.getInts("axis"));
        Object m = c.get("mean"), v = c.get("variance");
        if (m instanceof Number mn && v instanceof Number vn) n.meanAndVariance(mn.doubleValue(), vn.doubleValue());
        else if (m != null || v != null) n.meanAndVariance(doubles(m), doubles(v));
        if (c.has("invert")) n.invert(c.getBoolean("invert"));
        return n.withBaseConfig(c);
    }

    private static double[] doubles(Object o) {
        if (o == null) return null;
        if (o instanceof Number x) return new double[]{x.doubleValue()};
        List<?> l = (List<?>) o;
        double[] out = new double[l.size()];
        for (int i = 0; i < out.length; i++) out[i] = ((Number) l.get(i)).doubleValue();
        return out;
    }
}
