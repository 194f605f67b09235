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
import org.nd4j.linalg.indexing.NDArrayIndex;

import java.util.HashSet;
import java.util.List;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class RandomFlipTest {
    @Test
    void harness() {
        LayerHarness.of(() -> new RandomFlip()).inputs(Shape.of(4, 5, 2)).outputs(Shape.of(null, 4, 5, 2)).weights().run();
        LayerHarness.of(() -> new RandomFlip("vertical").seed(3L)).inputs(Shape.of(3, 3, 1)).run();
    }

    /** Image i flipped left-right and/or top-bottom by loops. */
    private static INDArray flipped(INDArray img, boolean lr, boolean ud) {
        long h = img.size(0), w = img.size(1), c = img.size(2);
        INDArray out = Nd4j.create(img.dataType(), h, w, c);
        for (int y = 0; y < h; y++) for (int x = 0; x < w; x++) for (int k = 0; k < c; k++) {
            out.putScalar(new long[]{y, x, k}, img.getDouble(ud ? h - 1 - y : y, lr ? w - 1 - x : x, k));
        }
        return out;
    }

    private static INDArray image(INDArray batch, int i) {
        return batch.get(NDArrayIndex.point(i), NDArrayIndex.all(), NDArrayIndex.all(), NDArrayIndex.all());
    }

    @Test
    void eachImageIsFlippedOrNotAlongEachAxisIndependently() {
        INDArray x = Nd4j.rand(DataType.FLOAT, 200, 3, 4, 2);
        INDArray y = new RandomFlip().call(List.of(x), true).get(0);
        Set<String> seen = new HashSet<>();
        int lrCount = 0;
        for (int i = 0; i < 200; i++) {
            INDArray img = image(x, i), out = image(y, i);
            String kind = null;
            for (boolean lr : new boolean[]{false, true}) {
                for (boolean ud : new boolean[]{false, true}) {
                    if (out.equals(flipped(img, lr, ud))) kind = lr + "/" + ud;
                }
            }
            assertThat(kind).as("image %d is one of the four flips", i).isNotNull();
            seen.add(kind);
            if (kind.startsWith("true")) lrCount++;
        }
        assertThat(seen).hasSize(4); // two independent coins, as Keras 3.3
        assertThat(lrCount).isBetween(70, 130);
        INDArray h = new RandomFlip("horizontal").call(List.of(x), true).get(0);
        for (int i = 0; i < 200; i++) {
            assertThat(image(h, i).equals(image(x, i)) || image(h, i).equals(flipped(image(x, i), true, false))).isTrue();
        }
    }

    @Test
    void inferenceIsTheIdentityAndSeedsRepeat() {
        INDArray x = Nd4j.rand(DataType.FLOAT, 8, 3, 3, 1);
        assertThat(new RandomFlip().apply(x)).isEqualTo(x);
        assertThat(new RandomFlip().seed(5L).call(List.of(x), true).get(0)).isEqualTo(new RandomFlip().seed(5L).call(List.of(x), true).get(0));
    }

    @Test
    @ExtendWith(Float64.class)
    void gradientsAreFlippedBack() {
        GradientCheck.create().training(true).check(new RandomFlip(), Nd4j.rand(DataType.DOUBLE, 6, 3, 4, 2));
        GradientCheck.create().training(true).check(new RandomFlip("vertical").dataFormat("channels_first"), Nd4j.rand(DataType.DOUBLE, 6, 2, 3, 4));
    }

    @Test
    void configAndErrors() {
        assertThat(new RandomFlip("horizontal").getConfig()).containsEntry("mode", "horizontal").containsEntry("seed", null)
                .doesNotContainKey("data_format");
        assertThatThrownBy(() -> new RandomFlip("diagonal")).hasMessageStartingWith("RandomFlip layer received an invalid mode argument: diagonal");
    }
}
