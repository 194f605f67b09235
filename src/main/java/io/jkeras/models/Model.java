package io.jkeras.models;

import io.jkeras.KerasTensor;
import io.jkeras.callbacks.Callback;
import io.jkeras.callbacks.History;
import io.jkeras.data.BatchSource;
import io.jkeras.layers.Layer;
import io.jkeras.saving.Config;
import io.jkeras.saving.FunctionalConfig;
import io.jkeras.saving.GraphRebuilder;
import io.jkeras.saving.Json;
import io.jkeras.saving.LayerSerializer;
import io.jkeras.training.CompileOptions;
import io.jkeras.training.Compiled;
import io.jkeras.training.Compiler;
import io.jkeras.training.Fit;
import io.jkeras.training.FitOptions;
import org.nd4j.linalg.api.ndarray.INDArray;

import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * A Functional model: a graph of layer calls from input tensors to output tensors, as
 * {@code keras.Model(inputs, outputs)}. Several inputs and outputs, skip connections, shared layers and
 * nested models are all the same graph. A model is itself a {@link Layer}: call it on tensors to nest it.
 *
 * <pre>{@code
 * jshell> KerasTensor x = Input.shape(256);
 * jshell> KerasTensor h = new Dense(64).activation("relu").apply(x);
 * jshell> Model m = new Model(x, new Dense(10).activation("softmax").apply(h));
 * jshell> m.summary();
 * }</pre>
 */
public class Model extends Network {
    private volatile boolean stopTraining;
    /** Set by {@code compile}; null until then. */
    protected Compiled compiled;

    /** A model from one input to one output. */
    public Model(KerasTensor input, KerasTensor output) {
        this(List.of(input), List.of(output));
    }

    /** A model from several inputs to several outputs (each addressable by its layer's name). */
    public Model(List<KerasTensor> inputs, List<KerasTensor> outputs) {
        if (inputs.isEmpty()) throw new IllegalArgumentException("A Functional model needs at least one input.");
        if (outputs.isEmpty()) throw new IllegalArgumentException("A Functional model needs at least one output.");
        setGraph(inputs, outputs);
    }

    /** For subclasses that set their graph later ({@link Sequential}). */
    protected Model() {
    }

    /** Keras 3 writes Functional models as {@code "Functional"}. */
    @Override
    public String className() {
        return "Functional";
    }

    /** Runs the model in inference mode on every sample, in batches of 32, as Keras's {@code predict(x)}. */
    public INDArray predict(INDArray x) {
        return predict(List.of(x), 32).get(0);
    }

    /** {@code predict} with a batch size. */
    public INDArray predict(INDArray x, int batchSize) {
        return predict(List.of(x), batchSize).get(0);
    }

    /** {@code predict} for several inputs (in {@link #inputs()} order); one array per output. */
    public List<INDArray> predict(List<INDArray> xs, int batchSize) {
        return Predictor.predict(this, xs, batchSize);
    }

    /**
     * {@code predict} with Keras's progress bar ({@code verbose} 1 or 2) and callbacks, whose predict hooks
     * fire per batch. The shorter forms are silent (Keras's default would print a bar).
     */
    public List<INDArray> predict(List<INDArray> xs, int batchSize, int verbose, Callback... callbacks) {
        List<Callback> cbs = new java.util.ArrayList<>(List.of(callbacks));
        if (verbose > 0) cbs.add(new io.jkeras.callbacks.ProgbarLogger());
        int steps = (int) ((xs.get(0).size(0) + batchSize - 1) / batchSize);
        return Predictor.predict(this, xs, batchSize,
                new io.jkeras.callbacks.CallbackList(cbs, this, io.jkeras.callbacks.CallbackList.params(1, steps, verbose)));
    }

    // ------------------------------------------------------------------ config

    /** Keras 3's Functional config: the layers with their calls, {@code input_layers}, {@code output_layers}. */
    @Override
    public Map<String, Object> getConfig() {
        return FunctionalConfig.toConfig(this);
    }

    /** A Functional model from its config, in the layout of any Keras version (Keras 1/2 {@code "Model"} too). */
    public static Model fromConfig(Config config) {
        return GraphRebuilder.fromConfig(config);
    }

    /** The model as Keras 3's JSON ({@code model.to_json()}); {@link Models#modelFromJson} reads it back. */
    public String toJson() {
        return Json.write(LayerSerializer.serialize(this));
    }

    // ------------------------------------------------------------------ training

    /**
     * Configures training, as Keras's {@code compile}: an optimizer (name or object), a loss for every
     * output (name or object) and metrics ({@code "accuracy"}, …).
     */
    public void compile(Object optimizer, Object loss, Object... metrics) {
        compile(CompileOptions.optimizer(optimizer).loss(loss).metrics(metrics));
    }

    /** Configures training with per-output losses, loss weights and metrics. */
    public void compile(CompileOptions options) {
        this.compiled = Compiler.resolve(this, options);
    }

    /** Trains for {@code epochs} on arrays, as {@code fit(x, y, epochs=..., batch_size=...)}. */
    public History fit(INDArray x, INDArray y, int epochs, int batchSize) {
        return fit(x, y, FitOptions.epochs(epochs).batchSize(batchSize));
    }

    /** Trains on arrays with the rest of Keras's {@code fit} arguments. */
    public History fit(INDArray x, INDArray y, FitOptions options) {
        return fit(List.of(x), List.of(y), options);
    }

    /** Trains a model with several inputs and/or outputs (arrays in input and output order). */
    public History fit(List<INDArray> x, List<INDArray> y, FitOptions options) {
        return Fit.fit(this, compiled, x, y, options);
    }

    /** Trains with inputs and targets given by input and output layer name, as Keras's dict form. */
    public History fit(Map<String, INDArray> x, Map<String, INDArray> y, FitOptions options) {
        return fit(Fit.byName("x", x, inputNames()), Fit.byName("y", y, outputNames()), options);
    }

    /** Trains on a source of batches (data that does not fit in memory, or made on the fly). */
    public History fit(BatchSource train, FitOptions options) {
        return Fit.fit(this, compiled, train, options);
    }

    /**
     * The loss and metrics on arrays (batches of 32, with Keras's progress bar), by name:
     * {@code {"loss": ..., "accuracy": ...}}.
     */
    public Map<String, Double> evaluate(INDArray x, INDArray y) {
        return evaluate(List.of(x), List.of(y), 32, 1);
    }

    /** {@code evaluate} for several inputs and outputs, with a batch size and verbosity (0 silent, 1 bar, 2 line). */
    public Map<String, Double> evaluate(List<INDArray> x, List<INDArray> y, int batchSize, int verbose, Callback... callbacks) {
        return Fit.evaluate(this, compiled, x, y, batchSize, verbose, List.of(callbacks));
    }

    /** {@code evaluate} with inputs and targets by layer name. */
    public Map<String, Double> evaluate(Map<String, INDArray> x, Map<String, INDArray> y, int batchSize, int verbose) {
        return evaluate(Fit.byName("x", x, inputNames()), Fit.byName("y", y, outputNames()), batchSize, verbose);
    }

    /** {@code evaluate} over a batch source. */
    public Map<String, Double> evaluate(BatchSource data, int verbose, Callback... callbacks) {
        return Fit.evaluate(this, compiled, data, verbose, List.of(callbacks));
    }

    /** One gradient update on one batch; returns that batch's loss and metrics. */
    public Map<String, Double> trainOnBatch(INDArray x, INDArray y) {
        return Fit.trainOnBatch(this, compiled, List.of(x), List.of(y), null, null);
    }

    /** {@code trainOnBatch} for several inputs/outputs, with optional sample and class weights. */
    public Map<String, Double> trainOnBatch(List<INDArray> x, List<INDArray> y, INDArray sampleWeight, Map<Integer, Double> classWeight) {
        return Fit.trainOnBatch(this, compiled, x, y, sampleWeight, classWeight);
    }

    /** The loss and metrics of one batch, without updating. */
    public Map<String, Double> testOnBatch(INDArray x, INDArray y) {
        return Fit.testOnBatch(this, compiled, List.of(x), List.of(y), null);
    }

    /** The model's outputs for one batch (inference mode). */
    public List<INDArray> predictOnBatch(List<INDArray> x) {
        return predict(x, (int) Math.max(1, x.get(0).size(0)));
    }

    /** The model's output for one batch (single input and output). */
    public INDArray predictOnBatch(INDArray x) {
        return predictOnBatch(List.of(x)).get(0);
    }

    /** True once {@code compile} was called. */
    public boolean isCompiled() {
        return compiled != null;
    }

    /** What {@code compile} resolved (optimizer, losses, loss weights, metrics), or null. */
    public Compiled compiled() {
        return compiled;
    }

    // ------------------------------------------------------------------ files

    /**
     * Saves the whole model, atomically: {@code "m.keras"} (Keras 3's archive, recommended) or {@code "m.h5"}
     * (the legacy Keras 2 layout); see {@link io.jkeras.saving.ModelFiles}. {@link Models#loadModel} reads it.
     */
    public void save(String path) throws java.io.IOException {
        io.jkeras.saving.ModelFiles.save(this, java.nio.file.Path.of(path));
    }

    /** Saves the weights, atomically: {@code "w.weights.h5"} in Keras 3's layout, other {@code ".h5"} in Keras 2's. */
    public void saveWeights(String path) throws java.io.IOException {
        io.jkeras.saving.ModelFiles.saveWeights(this, java.nio.file.Path.of(path));
    }

    /** Loads weights from a {@code .weights.h5}, {@code .h5} or {@code .keras} file into this model (same architecture). */
    public void loadWeights(String path) throws java.io.IOException {
        io.jkeras.saving.ModelFiles.loadWeights(this, java.nio.file.Path.of(path), false, false);
    }

    /** Loads weights, matching legacy {@code .h5} layers by name ({@code byName}) and skipping misfits ({@code skipMismatch}). */
    public void loadWeights(String path, boolean byName, boolean skipMismatch) throws java.io.IOException {
        io.jkeras.saving.ModelFiles.loadWeights(this, java.nio.file.Path.of(path), byName, skipMismatch);
    }

    // ------------------------------------------------------------------ training state

    /** True once a callback asked {@code fit} to stop after the current batch (Keras's {@code model.stop_training}). */
    public boolean stopTraining() {
        return stopTraining;
    }

    /** Asks {@code fit} to stop (set by EarlyStopping, TerminateOnNaN, …); {@code fit} clears it when it starts. */
    public void setStopTraining(boolean stop) {
        this.stopTraining = stop;
    }

    /** The optimizer given to {@code compile}, or {@code null} before it. */
    public io.jkeras.optimizers.Optimizer optimizer() {
        return compiled == null ? null : compiled.optimizer();
    }

    // ------------------------------------------------------------------ printouts

    /** Prints Keras's summary table to standard output. */
    public void summary() {
        summary(System.out::println);
    }

    /** Prints Keras's summary table line by line to {@code printFn}. */
    public void summary(Consumer<String> printFn) {
        Summary.print(this, printFn);
    }

    /** The summary table as one string. */
    public String summaryString() {
        StringBuilder sb = new StringBuilder();
        summary(line -> sb.append(line).append('\n'));
        return sb.toString();
    }
}
