package io.jkeras.testing;

import io.jkeras.Input;
import io.jkeras.KerasTensor;
import io.jkeras.Shape;
import io.jkeras.Variable;
import io.jkeras.layers.Forward;
import io.jkeras.layers.Layer;
import io.jkeras.saving.Config;
import io.jkeras.saving.Json;
import io.jkeras.saving.SavingRegistry;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The one harness every layer passes:
 * <ol>
 *   <li>symbolic output shapes (called on {@code Input}s) are the expected ones;</li>
 *   <li>an eager call on a batch of 2 gives arrays of those shapes (batch = 2);</li>
 *   <li>weight names and shapes, in order, and {@code countParams()} are as Keras has them;</li>
 *   <li>the config survives JSON and {@code fromConfig} unchanged;</li>
 *   <li>one training step (backward of ones, SGD) changes every trainable weight and no non-trainable one.</li>
 * </ol>
 *
 * <pre>{@code
 * LayerHarness.of(() -> new Dense(3)).inputs(Shape.of(4)).outputs(Shape.of(null, 3))
 *     .weights("kernel (4, 3)", "bias (3,)").run();
 * }</pre>
 */
public final class LayerHarness {
    private final Supplier<Layer> factory;
    private List<Shape> inputs = List.of();
    private List<Shape> outputs;
    private List<String> weights;
    private Supplier<INDArray[]> data;
    private boolean trainStep = true;

    private LayerHarness(Supplier<Layer> factory) {
        this.factory = factory;
    }

    /** A harness for layers made by this factory (called several times: one fresh layer per check). */
    public static LayerHarness of(Supplier<Layer> factory) {
        return new LayerHarness(factory);
    }

    /** Per-sample input shapes (batch excluded). */
    public LayerHarness inputs(Shape... perSample) {
        this.inputs = List.of(perSample);
        return this;
    }

    /** Expected full output shapes (batch included, as {@code Shape.of(null, 3)}). */
    public LayerHarness outputs(Shape... full) {
        this.outputs = List.of(full);
        return this;
    }

    /** Expected weights as {@code "name (d1, d2)"}, in {@code weights()} order; none for a weight-less layer. */
    public LayerHarness weights(String... w) {
        this.weights = List.of(w);
        return this;
    }

    /** Eager input data (batch 2) instead of uniform random floats (integer ids, say). */
    public LayerHarness data(Supplier<INDArray[]> d) {
        this.data = d;
        return this;
    }

    /** Skips the training-step check (layers with no gradient path). */
    public LayerHarness noTrainStep() {
        this.trainStep = false;
        return this;
    }

    /** Runs every check. */
    public void run() {
        // 1. symbolic
        Layer layer = factory.get();
        List<KerasTensor> ins = new ArrayList<>();
        for (Shape s : inputs) ins.add(Input.shape(s, null));
        List<KerasTensor> outs = layer.applyAll(ins);
        List<Shape> got = outs.stream().map(KerasTensor::shape).toList();
        if (outputs != null) assertThat(got).as("symbolic output shapes of %s", layer.name()).isEqualTo(outputs);

        // 2. eager
        Layer eager = factory.get();
        List<INDArray> arrays = batch();
        List<INDArray> ys = eager.call(arrays, false);
        assertThat(ys).hasSameSizeAs(got);
        for (int i = 0; i < ys.size(); i++) {
            assertThat(Shape.ofArray(ys.get(i).shape())).as("eager output %d of %s", i, eager.name())
                    .isEqualTo(got.get(i).with(0, 2));
        }

        // 3. weights
        List<String> names = layer.weights().stream()
                .map(v -> v.name() + " " + Shape.ofArray(v.value().shape())).toList();
        if (weights != null) assertThat(names).as("weights of %s", layer.name()).isEqualTo(weights);
        long count = layer.weights().stream().mapToLong(Variable::size).sum();
        assertThat(layer.countParams()).isEqualTo(count);

        // 4. config round trip through JSON
        String json = Json.write(layer.getConfig());
        Map<String, Object> parsed = Json.read(json);
        Layer copy = SavingRegistry.fromConfig(layer.className(), Config.of(parsed));
        assertThat(copy.getClass()).isEqualTo(layer.getClass());
        assertThat(Json.write(copy.getConfig())).as("config round trip of %s", layer.className()).isEqualTo(json);

        // 5. one training step
        if (trainStep) trainingStep(eager, arrays);
    }

    private List<INDArray> batch() {
        if (data != null) return new ArrayList<>(Arrays.asList(data.get()));
        List<INDArray> arrays = new ArrayList<>();
        for (Shape s : inputs) arrays.add(Nd4j.rand(Nd4j.defaultFloatingPointType(), s.withBatch(2).toLongArray(2)).subi(0.5));
        return arrays;
    }

    private static void trainingStep(Layer layer, List<INDArray> arrays) {
        for (Variable v : layer.weights()) v.zeroGrad();
        Forward f = layer.forward(arrays, true);
        List<INDArray> before = layer.weights().stream().map(v -> v.value().dup()).toList();
        List<INDArray> g = new ArrayList<>();
        for (INDArray o : f.outputs()) g.add(Nd4j.rand(o.dataType(), o.shape()).addi(0.1));
        f.backward(g);
        List<Variable> trainable = layer.trainableWeights();
        for (Variable v : trainable) {
            assertThat(v.grad()).as("gradient of %s", v.path()).isNotNull();
            v.value().subi(v.grad().mul(0.1));
        }
        List<Variable> all = layer.weights();
        for (int i = 0; i < all.size(); i++) {
            boolean changed = !all.get(i).value().equals(before.get(i));
            assertThat(changed).as("%s changed by the training step", all.get(i).path()).isEqualTo(trainable.contains(all.get(i)));
        }
    }
}
