package io.jkeras.layers;

import io.jkeras.Input;
import io.jkeras.Shape;
import io.jkeras.testing.Float64;
import io.jkeras.testing.GradientCheck;
import io.jkeras.testing.LayerHarness;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class MaxPooling2DTest {
    @Test
    void harness() {
        LayerHarness.of(() -> new MaxPooling2D(2)).inputs(Shape.of(26, 26, 32)).outputs(Shape.of(null, 13, 13, 32)).weights().run();
        LayerHarness.of(MaxPooling2D::new).inputs(Shape.of(11, 11, 64)).outputs(Shape.of(null, 5, 5, 64)).weights().run();
        LayerHarness.of(() -> new MaxPooling2D(3).padding("same")).inputs(Shape.of(7, 8, 2)).outputs(Shape.of(null, 3, 3, 2)).run();
        LayerHarness.of(() -> new MaxPooling2D(3, 2).strides(1, 2)).inputs(Shape.of(7, 8, 2)).outputs(Shape.of(null, 5, 4, 2)).run();
        LayerHarness.of(() -> new MaxPooling2D(2).dataFormat("channels_first")).inputs(Shape.of(3, 6, 5)).outputs(Shape.of(null, 3, 3, 2)).run();
    }

    @Test
    void configIsKeras3s() {
        MaxPooling2D p = new MaxPooling2D(3).strides(2).padding("SAME").name("p");
        var c = p.getConfig();
        assertThat(c).containsEntry("pool_size", java.util.List.of(3, 3)).containsEntry("strides", java.util.List.of(2, 2))
                .containsEntry("padding", "same").containsEntry("data_format", "channels_last");
        assertThat(new MaxPooling2D().getConfig()).containsEntry("pool_size", java.util.List.of(2, 2)).containsEntry("strides", java.util.List.of(2, 2));
    }

    @Test
    @ExtendWith(Float64.class)
    void gradients() {
        // Distinct values (a shuffled range) so that no window has a tie and the max is differentiable.
        GradientCheck.create().check(new MaxPooling2D(2), PoolingTesting.distinct(2, 5, 6, 3));
        GradientCheck.create().check(new MaxPooling2D(3).strides(2).padding("same"), PoolingTesting.distinct(2, 5, 6, 3));
        GradientCheck.create().check(new MaxPooling2D(2).strides(1).dataFormat("channels_first"), PoolingTesting.distinct(2, 3, 4, 5));
    }

    @Test
    void valuesMatchAHandComputedPool() {
        INDArray x = Nd4j.rand(DataType.FLOAT, 2, 7, 6, 3);
        for (String padding : new String[]{"valid", "same"}) {
            INDArray y = new MaxPooling2D(3, 2).strides(2, 1).padding(padding).apply(x);
            assertThat(y.equalsWithEps(PoolingTesting.pool2d(x, 3, 2, 2, 1, padding.equals("same"), true), 1e-6)).as(padding).isTrue();
        }
        INDArray xf = x.permute(0, 3, 1, 2).dup();
        INDArray yf = new MaxPooling2D(3, 2).strides(2, 1).dataFormat("channels_first").apply(xf);
        assertThat(yf.permute(0, 2, 3, 1).equalsWithEps(PoolingTesting.pool2d(x, 3, 2, 2, 1, false, true), 1e-6)).isTrue();
    }

    @Test
    void gradientGoesToTheMaximum() {
        INDArray x = Nd4j.createFromArray(new float[]{1, 5, 2, 0}).reshape(1, 2, 2, 1);
        Forward f = new MaxPooling2D(2).forward(java.util.List.of(x), true);
        INDArray dx = f.backward(java.util.List.of(Nd4j.ones(DataType.FLOAT, 1, 1, 1, 1).muli(3))).get(0);
        assertThat(dx.reshape(4).toFloatVector()).containsExactly(0, 3, 0, 0);
    }

    @Test
    void aTiedWindowSendsTheGradientToOneMaximum() {
        // Documented behaviour (PoolingOps): ND4J's kernel routes each window's gradient to one maximum, as TF's.
        INDArray x = Nd4j.createFromArray(new float[]{3, 3, 1, 3}).reshape(1, 2, 2, 1);
        Forward f = new MaxPooling2D(2).forward(java.util.List.of(x), true);
        INDArray dx = f.backward(java.util.List.of(Nd4j.ones(DataType.FLOAT, 1, 1, 1, 1))).get(0);
        assertThat(dx.sumNumber().doubleValue()).isEqualTo(1.0);
        assertThat(dx.reshape(4).toFloatVector()).containsExactly(1, 0, 0, 0);
    }

    @Test
    void errors() {
        MaxPooling2D p = new MaxPooling2D(3);
        assertThatThrownBy(() -> p.apply(Input.shape(2, 2, 1)))
                .hasMessageContaining("Layer \"" + p.name() + "\" (MaxPooling2D)")
                .hasMessageContaining("the output would have a non-positive dimension (None, 0, 0, 1) for input shape (None, 2, 2, 1)");
        MaxPooling2D q = new MaxPooling2D(2);
        assertThatThrownBy(() -> q.apply(Input.shape(28, 28)))
                .hasMessageContaining("Input 0 of layer \"" + q.name() + "\" is incompatible with the layer: expected ndim=4, found ndim=3. Full shape received: (None, 28, 28)");
        assertThatThrownBy(() -> new MaxPooling2D(2, 2, 2)).hasMessageContaining("The `pool_size` argument must be a tuple of 2");
        assertThatThrownBy(() -> new MaxPooling2D(0)).hasMessageContaining("Received pool_size=(0,)");
        assertThatThrownBy(() -> new MaxPooling2D().padding("full")).hasMessageContaining("Received: padding=full");
        assertThatThrownBy(() -> new MaxPooling2D().dataFormat("nhwc")).hasMessageContaining("Received: data_format=nhwc");
        // same padding never shrinks below 1
        assertThat(new MaxPooling2D(3).padding("same").apply(Input.shape(2, 2, 1)).shape()).isEqualTo(Shape.of(null, 1, 1, 1));
    }
}
