package io.jkeras.layers;

import io.jkeras.Input;
import io.jkeras.Variable;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The first-layer shortcut of Conv2D (weight gradients without the input gradient, {@link ConvWeightGradient})
 * gives the same kernel and bias gradients as the full native {@code conv2d_bp}, for every padding, stride,
 * dilation and channel count it takes, and leaves channels_first and grouped convolutions on the full path.
 */
class ConvWeightGradientTest {
    @Test
    void weightsOnlyBackwardMatchesTheFullBackward() {
        check(() -> new Conv2D(32, 3).activation("relu"), 4, 28, 28, 1);
        check(() -> new Conv2D(5, 3).padding("same"), 3, 7, 6, 1);
        check(() -> new Conv2D(4, 3, 2).strides(2).padding("same"), 2, 9, 8, 3);
        check(() -> new Conv2D(4, 2).strides(2, 1).useBias(false), 2, 7, 7, 3);
        check(() -> new Conv2D(3, 3).dilationRate(2).activation("tanh"), 2, 9, 9, 2);
        check(() -> new Conv2D(6, 5).strides(3).padding("same"), 2, 11, 10, 2);
        check(() -> new Conv2D(4, 1).padding("same"), 2, 4, 4, 3);
        check(() -> new Conv2D(4, 3).groups(2).padding("same"), 2, 5, 5, 4);
        check(() -> new Conv2D(3, 3).dataFormat("channels_first"), 2, 2, 6, 6);
    }

    private static void check(Supplier<Conv2D> make, long... inputShape) {
        Nd4j.getRandom().setSeed(7);
        Conv2D layer = make.get();
        int[] perSample = java.util.Arrays.stream(inputShape, 1, inputShape.length).mapToInt(d -> (int) d).toArray();
        layer.apply(Input.shape(perSample));
        INDArray x = Nd4j.rand(DataType.FLOAT, inputShape).subi(0.5);
        Forward f = layer.forward(x, true);
        INDArray dOut = Nd4j.rand(DataType.FLOAT, f.outputs().get(0).shape()).subi(0.5);

        zero(layer);
        f.backward(List.of(dOut));
        List<INDArray> full = grads(layer);
        zero(layer);
        f.backwardWeightsOnly(List.of(dOut));
        List<INDArray> weightsOnly = grads(layer);

        assertThat(weightsOnly).hasSameSizeAs(full);
        for (int i = 0; i < full.size(); i++) {
            double scale = Math.max(1.0, full.get(i).amaxNumber().doubleValue());
            double err = weightsOnly.get(i).sub(full.get(i)).amaxNumber().doubleValue();
            assertThat(err).as("%s, weight %d of %s", layer.getConfig(), i, java.util.Arrays.toString(inputShape)).isLessThan(2e-5 * scale);
        }
    }

    private static void zero(Layer layer) {
        for (Variable v : layer.trainableWeights()) v.zeroGrad();
    }

    private static List<INDArray> grads(Layer layer) {
        List<INDArray> out = new ArrayList<>();
        for (Variable v : layer.trainableWeights()) out.add(v.grad().dup());
        return out;
    }
}
