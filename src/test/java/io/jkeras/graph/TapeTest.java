package io.jkeras.graph;

import io.jkeras.Input;
import io.jkeras.Keras;
import io.jkeras.KerasTensor;
import io.jkeras.Variable;
import io.jkeras.layers.Dense;
import io.jkeras.layers.Merging;
import io.jkeras.models.Model;
import io.jkeras.testing.Float64;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The tape's shortcuts give exactly the gradients of the plain backward pass. */
@ExtendWith(Float64.class)
class TapeTest {
    private static Model model() {
        KerasTensor a = Input.shape(5);
        KerasTensor b = Input.shape(5);
        Dense shared = new Dense(4).activation("tanh");
        KerasTensor h = Merging.concatenate(shared.apply(a), shared.apply(b), new Dense(3).apply(a));
        return new Model(List.of(a, b), List.of(new Dense(3).activation("softmax").apply(h)));
    }

    private static List<INDArray> grads(Model m, List<INDArray> x, INDArray g, boolean logits, boolean inputGrads) {
        for (Variable v : m.weights()) v.zeroGrad();
        Tape t = Executor.record(m.topology(), x, true);
        t.backward(List.of(g), new boolean[]{logits}, inputGrads);
        List<INDArray> out = new ArrayList<>();
        for (Variable v : m.weights()) out.add(v.grad().dup());
        return out;
    }

    @Test
    void skippingInputGradientsLeavesWeightGradientsUnchanged() {
        Keras.setRandomSeed(3);
        Model m = model();
        List<INDArray> x = List.of(Nd4j.rand(DataType.DOUBLE, 6, 5), Nd4j.rand(DataType.DOUBLE, 6, 5));
        INDArray g = Nd4j.rand(DataType.DOUBLE, 6, 3);
        assertThat(grads(m, x, g, false, false)).isEqualTo(grads(m, x, g, false, true));
    }

    @Test
    void aFrozenBaseIsNotBackPropagatedWhenNoInputGradientIsWanted() {
        Keras.setRandomSeed(5);
        int[] baseBackwards = {0};
        Dense base = new Dense(4) {
            @Override
            public io.jkeras.layers.Forward forward(List<INDArray> inputs, boolean training) {
                io.jkeras.layers.Forward f = super.forward(inputs, training);
                return io.jkeras.layers.Forward.of(f.output(), dy -> {
                    baseBackwards[0]++;
                    return f.backward(dy);
                });
            }
        };
        KerasTensor in = Input.shape(5);
        Dense head = new Dense(2);
        Model m = new Model(List.of(in), List.of(head.apply(new Dense(3).apply(base.apply(in)))));
        List<INDArray> x = List.of(Nd4j.rand(DataType.DOUBLE, 6, 5));
        INDArray g = Nd4j.rand(DataType.DOUBLE, 6, 2);
        grads(m, x, g, false, false);
        assertThat(baseBackwards[0]).isEqualTo(1);
        base.setTrainable(false);
        List<INDArray> frozen = new ArrayList<>();
        for (Variable v : head.weights()) v.zeroGrad();
        Executor.record(m.topology(), x, true).backward(List.of(g), new boolean[]{false}, false);
        for (Variable v : head.weights()) frozen.add(v.grad().dup());
        assertThat(baseBackwards[0]).isEqualTo(1); // skipped: nothing before it trains
        for (Variable v : head.weights()) v.zeroGrad();
        Executor.record(m.topology(), x, true).backward(List.of(g), new boolean[]{false}, true);
        assertThat(baseBackwards[0]).isEqualTo(2); // input gradients asked for: it runs
        for (int i = 0; i < frozen.size(); i++) assertThat(head.weights().get(i).grad()).isEqualTo(frozen.get(i));
    }

    @Test
    void logitGradientEqualsChainingThroughTheSoftmax() {
        Keras.setRandomSeed(4);
        Model m = model();
        List<INDArray> x = List.of(Nd4j.rand(DataType.DOUBLE, 6, 5), Nd4j.rand(DataType.DOUBLE, 6, 5));
        Tape t = Executor.record(m.topology(), x, true);
        INDArray y = t.outputs().get(0);
        INDArray dLogits = Nd4j.rand(DataType.DOUBLE, 6, 3);
        // An output gradient dy enters the logits as y * (dy - sum(dy * y)); dy = dLogits / y gives dLogits - y * sum(dLogits).
        INDArray dy = dLogits.div(y);
        INDArray viaLogits = dLogits.sub(y.mulColumnVector(dLogits.sum(1)));
        List<INDArray> a = grads(m, x, viaLogits, true, false);
        List<INDArray> b = grads(m, x, dy, false, false);
        for (int i = 0; i < a.size(); i++) assertThat(a.get(i).equalsWithEps(b.get(i), 1e-10)).as("weight %d", i).isTrue();
    }

    /** A weightless identity layer that counts its backward passes. */
    private static final class Counting extends io.jkeras.layers.Layer {
        int backwards;

        @Override
        protected io.jkeras.layers.Forward forward(INDArray input, boolean training) {
            return io.jkeras.layers.Forward.of(input, g -> {
                backwards++;
                return g;
            });
        }
    }

    @Test
    void noGradientThroughWeightlessLayersWithNothingTrainableUpstream() {
        Keras.setRandomSeed(5);
        KerasTensor in = Input.shape(4);
        Counting first = new Counting(), second = new Counting(), afterDense = new Counting();
        Dense frozen = new Dense(4);
        frozen.setTrainable(false);
        KerasTensor h = afterDense.apply(new Dense(3).apply(frozen.apply(second.apply(first.apply(in)))));
        Model m = new Model(List.of(in), List.of(new Dense(2).apply(h)));
        List<INDArray> x = List.of(Nd4j.rand(DataType.DOUBLE, 5, 4));
        INDArray g = Nd4j.rand(DataType.DOUBLE, 5, 2);
        List<INDArray> trained = trainableGrads(m, x, g, false);
        // a chain of preprocessing and a frozen layer: nothing there needs a gradient when training
        assertThat(first.backwards).isZero();
        assertThat(second.backwards).isZero();
        assertThat(frozen.weights().get(0).grad()).isNull();
        assertThat(afterDense.backwards).isEqualTo(1);
        // the trainable weights' gradients are those of the full backward pass, which does go through them
        assertThat(trainableGrads(m, x, g, true)).isEqualTo(trained);
        assertThat(first.backwards).isEqualTo(1);
    }

    private static List<INDArray> trainableGrads(Model m, List<INDArray> x, INDArray g, boolean inputGrads) {
        for (Variable v : m.weights()) v.zeroGrad();
        Executor.record(m.topology(), x, true).backward(List.of(g), new boolean[]{false}, inputGrads);
        List<INDArray> out = new ArrayList<>();
        for (Variable v : m.trainableWeights()) out.add(v.grad().dup());
        return out;
    }
}
