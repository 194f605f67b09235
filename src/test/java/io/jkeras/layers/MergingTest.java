package io.jkeras.layers;

import io.jkeras.Input;
import io.jkeras.KerasTensor;
import io.jkeras.Shape;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class MergingTest {
    @Test
    void eachHelperMakesItsLayerAndAppliesIt() {
        KerasTensor a = Input.shape(4), b = Input.shape(4), c = Input.shape(2, 4);
        check(Merging.concatenate(a, b), Concatenate.class, Shape.of(null, 8));
        check(Merging.concatenate(List.of(Input.shape(1, 4), c), 1), Concatenate.class, Shape.of(null, 3, 4));
        check(Merging.add(a, b), Add.class, Shape.of(null, 4));
        check(Merging.add(List.of(a, c)), Add.class, Shape.of(null, 2, 4));
        check(Merging.subtract(a, b), Subtract.class, Shape.of(null, 4));
        check(Merging.multiply(a, b, a), Multiply.class, Shape.of(null, 4));
        check(Merging.average(a, b), Average.class, Shape.of(null, 4));
        check(Merging.maximum(a, b), Maximum.class, Shape.of(null, 4));
        check(Merging.minimum(List.of(a, b)), Minimum.class, Shape.of(null, 4));
        KerasTensor cos = Merging.dot(List.of(a, b), 1, true);
        check(cos, Dot.class, Shape.of(null, 1));
        assertThat(((Dot) cos.layer()).normalize()).isTrue();
        check(Merging.dot(List.of(c, Input.shape(4, 3)), new int[]{2, 1}, false), Dot.class, Shape.of(null, 2, 3));
        // the graph records the call: the layer's input tensors are the ones given
        assertThat(Merging.add(a, b).node().inputs()).containsExactly(a, b);
    }

    private static void check(KerasTensor t, Class<? extends Layer> cls, Shape shape) {
        assertThat(t.layer()).isInstanceOf(cls);
        assertThat(t.shape()).isEqualTo(shape);
    }
}
