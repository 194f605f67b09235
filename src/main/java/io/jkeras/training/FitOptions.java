package io.jkeras.training;

import io.jkeras.callbacks.Callback;
import io.jkeras.data.BatchSource;
import org.nd4j.linalg.api.ndarray.INDArray;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The keyword arguments of Keras's {@code fit}, with Keras's defaults: batch size 32, verbose 1,
 * shuffle true, no validation.
 *
 * <pre>{@code
 * model.fit(x, y, FitOptions.epochs(10).batchSize(64).validationSplit(0.1)
 *         .callbacks(new EarlyStopping().patience(2)));
 * }</pre>
 */
public final class FitOptions {
    int epochs = 1;
    int batchSize = 32;
    int verbose = 1;
    double validationSplit = 0.0;
    List<INDArray> validationX;
    List<INDArray> validationY;
    INDArray validationSampleWeight;
    BatchSource validationSource;
    boolean shuffle = true;
    Map<Integer, Double> classWeight;
    INDArray sampleWeight;
    int initialEpoch = 0;
    Integer stepsPerEpoch;
    Integer validationSteps;
    int validationFreq = 1;
    final List<Callback> callbacks = new ArrayList<>();

    private FitOptions() {
    }

    /** Options training for {@code n} epochs. */
    public static FitOptions epochs(int n) {
        FitOptions o = new FitOptions();
        if (n < 0) throw new IllegalArgumentException("epochs must be >= 0. Received: epochs=" + n);
        o.epochs = n;
        return o;
    }

    /** Samples per gradient update (default 32). */
    public FitOptions batchSize(int b) {
        if (b <= 0) throw new IllegalArgumentException("batch_size must be a positive integer. Received: batch_size=" + b);
        this.batchSize = b;
        return this;
    }

    /** 0 = silent, 1 = progress bar, 2 = one line per epoch. */
    public FitOptions verbose(int v) {
        if (v < 0 || v > 2) throw new IllegalArgumentException("verbose must be 0, 1 or 2. Received: verbose=" + v);
        this.verbose = v;
        return this;
    }

    /** The fraction of the data, taken from the end before shuffling, held out for validation. */
    public FitOptions validationSplit(double f) {
        if (!(f >= 0 && f < 1)) {
            throw new IllegalArgumentException("`validation_split` must be in the range [0, 1). Received: validation_split=" + f);
        }
        this.validationSplit = f;
        return this;
    }

    /** Validation data for a single-input, single-output model. */
    public FitOptions validationData(INDArray x, INDArray y) {
        return validationData(List.of(x), List.of(y));
    }

    /** Validation data for several inputs and outputs (in the model's order). */
    public FitOptions validationData(List<INDArray> x, List<INDArray> y) {
        this.validationX = x;
        this.validationY = y;
        return this;
    }

    /** Validation data with per-sample weights. */
    public FitOptions validationData(List<INDArray> x, List<INDArray> y, INDArray sampleWeight) {
        this.validationSampleWeight = sampleWeight;
        return validationData(x, y);
    }

    /** Validation batches from a source. */
    public FitOptions validationData(BatchSource source) {
        this.validationSource = source;
        return this;
    }

    /** Whether to shuffle the training data before each epoch (default true). */
    public FitOptions shuffle(boolean s) {
        this.shuffle = s;
        return this;
    }

    /** Loss weight per class index, as Keras's {@code class_weight}. */
    public FitOptions classWeight(Map<Integer, Double> w) {
        this.classWeight = w;
        return this;
    }

    /** Loss weight per training sample, shape {@code (n,)}. */
    public FitOptions sampleWeight(INDArray w) {
        this.sampleWeight = w;
        return this;
    }

    /** The epoch to start from (to resume a previous run); epochs count from 0. */
    public FitOptions initialEpoch(int e) {
        this.initialEpoch = e;
        return this;
    }

    /** Batches per epoch; the data is cycled through as needed (default: one pass). */
    public FitOptions stepsPerEpoch(Integer s) {
        this.stepsPerEpoch = s;
        return this;
    }

    /** Validation batches per validation run (default: one pass). */
    public FitOptions validationSteps(Integer s) {
        this.validationSteps = s;
        return this;
    }

    /** Validate every {@code n} epochs (default 1). */
    public FitOptions validationFreq(int n) {
        if (n <= 0) throw new IllegalArgumentException("validation_freq must be positive. Received: validation_freq=" + n);
        this.validationFreq = n;
        return this;
    }

    /** Callbacks, called in the order given, before History and the progress bar (as Keras). */
    public FitOptions callbacks(Callback... cbs) {
        this.callbacks.addAll(List.of(cbs));
        return this;
    }

    /** Callbacks from a list. */
    public FitOptions callbacks(List<? extends Callback> cbs) {
        this.callbacks.addAll(cbs);
        return this;
    }
}
