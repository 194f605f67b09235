package io.jkeras.models;

import io.jkeras.Input;
import io.jkeras.KerasTensor;
import io.jkeras.layers.Add;
import io.jkeras.layers.Dense;
import io.jkeras.layers.Dot;
import io.jkeras.layers.Dropout;
import io.jkeras.layers.Flatten;
import io.jkeras.layers.Merging;
import io.jkeras.layers.Permute;
import io.jkeras.layers.RepeatVector;
import io.jkeras.layers.Reshape;
import io.jkeras.testing.Float64;
import io.jkeras.testing.GradientCheck;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Functional graphs built from the core and merging layers, gradient-checked as whole models: fan-out
 * (a tensor used twice), shared weights (one Dense called at two nodes) and several outputs.
 */
@ExtendWith(Float64.class)
class MergeGraphTest {
    private static INDArray rand(long... shape) {
        return Nd4j.rand(DataType.DOUBLE, shape).subi(0.5);
    }

    @Test
    void skipConnection() {
        KerasTensor x = Input.shape(4);
        KerasTensor y = new Add().apply(x, new Dense(4).apply(x));   // x feeds both Dense and Add
        Model m = new Model(x, new Dense(2).apply(y));
        GradientCheck.create().check(m, rand(3, 4));
        // the value: x + dense(x)
        INDArray in = rand(2, 4);
        Dense d = (Dense) y.node().inputs().get(1).layer();
        INDArray expect = in.add(d.apply(in));
        assertThat(new Model(x, y).predict(in).equalsWithEps(expect, 1e-12)).isTrue();
    }

    @Test
    void sharedDenseOnTwoInputsConcatenated() {
        KerasTensor a = Input.shape(5), b = Input.shape(5);
        Dense shared = new Dense(3);
        KerasTensor c = Merging.concatenate(shared.apply(a), shared.apply(b));
        Model m = new Model(List.of(a, b), List.of(new Dense(2).apply(c)));
        assertThat(shared.inboundNodes()).hasSize(2);
        assertThat(m.trainableWeights()).hasSize(4); // the shared kernel and bias count once
        GradientCheck.create().check(m, rand(3, 5), rand(3, 5));
    }

    @Test
    void twoOutputs() {
        KerasTensor x = Input.shape(6);
        KerasTensor h = new Dense(4).activation("relu").apply(x);
        KerasTensor gate = new Dense(4).apply(x);
        KerasTensor out1 = new Dense(2).apply(h);
        KerasTensor out2 = Merging.multiply(h, gate);
        Model m = new Model(List.of(x), List.of(out1, Merging.subtract(out2, Merging.maximum(h, gate))));
        GradientCheck.create().check(m, rand(3, 6));
    }

    @Test
    void shapeLayersAndDotInOneGraph() {
        KerasTensor q = Input.shape(3, 4), k = Input.shape(12);
        KerasTensor keys = new Permute(2, 1).apply(new Reshape(3, 4).apply(k));     // (None, 4, 3)
        KerasTensor scores = new Dot(2, 1).apply(q, keys);                          // (None, 3, 3)
        KerasTensor cos = Merging.dot(List.of(new Flatten().apply(q), k), 1, true); // (None, 1)
        KerasTensor rep = new Flatten().apply(new RepeatVector(3).apply(new Dense(2).apply(cos)));
        KerasTensor out = Merging.concatenate(new Flatten().apply(scores), rep, Merging.average(rep, rep));
        Model m = new Model(List.of(q, k), List.of(new Dense(3).apply(new Dropout(0.3).apply(out))));
        assertThat(out.shape().dims()).containsExactly(null, 21);
        GradientCheck.create().check(m, rand(2, 3, 4), rand(2, 12));
        GradientCheck.create().training(true).check(m, rand(2, 3, 4), rand(2, 12));
    }
}
