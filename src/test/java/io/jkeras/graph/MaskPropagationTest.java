package io.jkeras.graph;

import io.jkeras.Input;
import io.jkeras.Keras;
import io.jkeras.KerasTensor;
import io.jkeras.Shape;
import io.jkeras.layers.Dense;
import io.jkeras.layers.Dropout;
import io.jkeras.layers.Embedding;
import io.jkeras.layers.Flatten;
import io.jkeras.layers.Forward;
import io.jkeras.layers.Layer;
import io.jkeras.layers.Merging;
import io.jkeras.models.Model;
import io.jkeras.models.Sequential;
import io.jkeras.training.FitOptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** Masks made by one layer reach the layers after it through the engine, as Keras's {@code _keras_mask} does. */
class MaskPropagationTest {
    /**
     * A mask-consuming layer for the test: the identity, which records the mask of every call (null for a call
     * made without masks) and passes it on.
     */
    static final class MaskProbe extends Layer {
        final List<INDArray> seen = new ArrayList<>();
        int plainCalls;

        @Override
        public boolean supportsMasking() {
            return true;
        }

        @Override
        public Forward forward(List<INDArray> inputs, boolean training) {
            plainCalls++;
            seen.add(null);
            return Forward.of(inputs.get(0), g -> g);
        }

        @Override
        public Forward forward(List<INDArray> inputs, List<INDArray> masks, boolean training) {
            seen.add(io.jkeras.utils.Workspaces.detach(masks.get(0))); // a copy: the call's arrays end with its step
            return Forward.of(inputs.get(0), g -> g).withMasks(List.of(masks.get(0)));
        }

        INDArray last() {
            return seen.get(seen.size() - 1);
        }
    }

    private static final INDArray IDS = Nd4j.createFromArray(new int[][]{{3, 1, 0, 0}, {2, 5, 7, 0}, {0, 0, 0, 0}});
    private static final INDArray NONZERO = IDS.neq(0);

    @BeforeEach
    void seed() {
        Keras.setRandomSeed(7);
    }

    @Test
    void theMaskOfAnEmbeddingReachesALaterLayerThroughLayersThatSupportMasking() {
        MaskProbe probe = new MaskProbe();
        Sequential m = new Sequential(new Embedding(8, 4).maskZero(true).inputShape(4), new Dropout(0.3), new Dense(3), probe);
        m.predict(IDS);
        assertThat(probe.last()).isEqualTo(NONZERO);
        // in training too (Dropout active), and the model's output carries it
        Forward f = m.forward(List.of(IDS), true);
        assertThat(probe.last()).isEqualTo(NONZERO);
        assertThat(f.masks()).containsExactly(NONZERO);
        assertThat(probe.plainCalls).isZero();
    }

    @Test
    void aLayerThatDoesNotSupportMaskingStopsIt() {
        MaskProbe probe = new MaskProbe();
        Sequential m = new Sequential(new Embedding(8, 4).maskZero(true).inputShape(4), new Flatten(), new Dense(3), probe);
        Forward f = m.forward(List.of(IDS), false);
        assertThat(probe.last()).isNull();
        assertThat(probe.plainCalls).isEqualTo(1);
        assertThat(f.masks()).isNull();
    }

    @Test
    void modelsWithoutMasksRunThePlainForward() {
        MaskProbe probe = new MaskProbe();
        Sequential m = new Sequential(new Embedding(8, 4).inputShape(4), new Dense(3), probe);
        m.compile("sgd", "mse");
        m.fit(IDS, Nd4j.rand(DataType.FLOAT, 3, 4, 3), FitOptions.epochs(1).batchSize(3).verbose(0));
        m.predict(IDS);
        assertThat(probe.plainCalls).isEqualTo(probe.seen.size()).isGreaterThanOrEqualTo(2);
        assertThat(Executor.record(m.topology(), List.of(IDS), false).outputMasks()).isNull();
    }

    @Test
    void aNestedModelGivesTheMasksMadeInsideIt() {
        KerasTensor in = Input.shape(4);
        Model inner = new Model(in, new Dense(3).apply(new Embedding(8, 4).maskZero(true).apply(in)));
        MaskProbe probe = new MaskProbe();
        KerasTensor x = Input.shape(4);
        Model outer = new Model(x, probe.apply(inner.apply(x)));
        Forward f = outer.forward(List.of(IDS), false);
        assertThat(probe.last()).isEqualTo(NONZERO);
        assertThat(f.masks()).containsExactly(NONZERO);
        assertThat(inner.computeMask(List.of(IDS), null)).containsExactly(NONZERO);
    }

    @Test
    void aNestedModelTakesTheMaskOfItsInput() {
        KerasTensor seq = Input.shape(4, 5);
        MaskProbe inside = new MaskProbe();
        Model inner = new Model(seq, inside.apply(new Dense(2).apply(seq)));
        KerasTensor x = Input.shape(4);
        KerasTensor y = inner.apply(new Embedding(8, 5).maskZero(true).apply(x));
        MaskProbe after = new MaskProbe();
        Model outer = new Model(x, after.apply(y));
        outer.predict(IDS);
        assertThat(inside.last()).isEqualTo(NONZERO);
        assertThat(after.last()).isEqualTo(NONZERO);
        // the same inner model called without a mask sees none
        INDArray plain = Nd4j.rand(DataType.FLOAT, 3, 4, 5);
        inner.predict(plain);
        assertThat(inside.last()).isNull();
        // and given masks directly
        Forward f = inner.forward(List.of(plain), List.of(NONZERO), false);
        assertThat(inside.last()).isEqualTo(NONZERO);
        assertThat(f.masks()).containsExactly(NONZERO);
    }

    @Test
    void mergingTwoMaskedSequencesOrsTheirMasks() {
        KerasTensor a = Input.shape(4), b = Input.shape(4);
        Embedding shared = new Embedding(8, 3).maskZero(true);
        MaskProbe probe = new MaskProbe();
        Model m = new Model(List.of(a, b), List.of(probe.apply(Merging.add(shared.apply(a), shared.apply(b)))));
        INDArray other = Nd4j.createFromArray(new int[][]{{0, 0, 0, 4}, {0, 0, 0, 0}, {1, 0, 0, 0}});
        m.predict(List.of(IDS, other), 3);
        INDArray or = Nd4j.createFromArray(new boolean[][]{{true, true, false, true}, {true, true, true, false}, {true, false, false, false}});
        assertThat(probe.last()).isEqualTo(or);
        assertThat(probe.last().shape()).isEqualTo(Shape.of(3, 4).toLongArray(0));
    }
}
