package io.jkeras.layers;

import io.jkeras.Shape;
import io.jkeras.testing.Float64;
import io.jkeras.testing.GradientCheck;
import io.jkeras.testing.LayerHarness;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class MaskingTest {
    /** (2, 4, 3) with steps (0, 1) and (1, 3) all equal to {@code v}, and step (0, 2) only partly. */
    private static INDArray padded(double v, DataType t) {
        INDArray x = Nd4j.rand(t, 2, 4, 3).addi(2);
        x.get(org.nd4j.linalg.indexing.NDArrayIndex.point(0), org.nd4j.linalg.indexing.NDArrayIndex.point(1)).assign(v);
        x.get(org.nd4j.linalg.indexing.NDArrayIndex.point(1), org.nd4j.linalg.indexing.NDArrayIndex.point(3)).assign(v);
        x.putScalar(new long[]{0, 2, 1}, v);
        return x;
    }

    @Test
    void harness() {
        LayerHarness.of(() -> new Masking(-1.0)).inputs(Shape.of(4, 3)).outputs(Shape.of(null, 4, 3)).weights().noTrainStep().run();
    }

    @Test
    void masksTheStepsWhoseFeaturesAllEqualTheMaskValue() {
        INDArray x = padded(-1, DataType.FLOAT);
        Masking m = new Masking(-1.0);
        m.apply(x);
        Forward f = m.forward(List.of(x), false);
        // independent: a step counts unless all of its 3 features are -1
        INDArray expectedMask = Nd4j.createFromArray(new boolean[][]{{true, false, true, true}, {true, true, true, false}});
        assertThat(f.masks().get(0)).isEqualTo(expectedMask);
        INDArray y = f.output();
        for (int b = 0; b < 2; b++) {
            for (int t = 0; t < 4; t++) {
                INDArray step = y.get(org.nd4j.linalg.indexing.NDArrayIndex.point(b), org.nd4j.linalg.indexing.NDArrayIndex.point(t));
                INDArray in = x.get(org.nd4j.linalg.indexing.NDArrayIndex.point(b), org.nd4j.linalg.indexing.NDArrayIndex.point(t));
                if (expectedMask.getDouble(b, t) != 0) assertThat(step).isEqualTo(in);
                else assertThat(step.sumNumber().doubleValue()).isZero();
            }
        }
        assertThat(m.computeMask(List.of(x), null).get(0)).isEqualTo(expectedMask);
        // an incoming mask is replaced by the layer's own
        Forward g = m.forward(List.of(x), List.of(Nd4j.zeros(DataType.BOOL, 2, 4)), false);
        assertThat(g.masks().get(0)).isEqualTo(expectedMask);
    }

    /**
     * A fully masked step is a jump (moving any of its features unmasks it), so central differences are checked on
     * steps that stay on one side: unmasked ones, including a step with one feature at the mask value. On masked
     * steps the gradient is 0, as autodiff of {@code x * mask} gives.
     */
    @Test
    @ExtendWith(Float64.class)
    void gradients() {
        INDArray partial = Nd4j.rand(DataType.DOUBLE, 2, 4, 3).addi(2);
        partial.putScalar(new long[]{0, 2, 1}, -1.0);
        GradientCheck.create().check(new Masking(-1.0), partial);
        GradientCheck.create().check(new Masking(), partial.reshape(2, 2, 2, 3));

        INDArray x = padded(-1, DataType.DOUBLE);
        Masking m = new Masking(-1.0);
        m.apply(x);
        INDArray g = Nd4j.rand(DataType.DOUBLE, 2, 4, 3);
        INDArray dx = m.forward(List.of(x), true).backward(g);
        INDArray keep = Nd4j.createFromArray(new double[][]{{1, 0, 1, 1}, {1, 1, 1, 0}}).reshape(2, 4, 1).broadcast(2, 4, 3);
        assertThat(dx).isEqualTo(g.mul(keep));
    }

    @Test
    void configRoundTripKeepsTheMaskValue() {
        Masking m = new Masking().maskValue(-2.5);
        assertThat(m.getConfig()).containsEntry("mask_value", -2.5);
        assertThat(Masking.fromConfig(io.jkeras.saving.Config.of(m.getConfig())).maskValue()).isEqualTo(-2.5);
    }
}
