package io.jkeras.layers;

import io.jkeras.Input;
import io.jkeras.KerasTensor;
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
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class AttentionTest {
    @Test
    void harness() {
        LayerHarness.of(Attention::new).inputs(Shape.of(3, 4), Shape.of(5, 6), Shape.of(5, 4))
                .outputs(Shape.of(null, 3, 6)).weights().noTrainStep().run();
        LayerHarness.of(() -> new Attention().useScale(true)).inputs(Shape.of(3, 4), Shape.of(5, 4))
                .outputs(Shape.of(null, 3, 4)).weights("scale ()").run();
        LayerHarness.of(() -> new Attention().scoreMode("concat").returnAttentionScores(true)).inputs(Shape.of(3, 4), Shape.of(5, 4))
                .outputs(Shape.of(null, 3, 4), Shape.of(null, 3, 5)).weights("concat_score_weight ()").run();
        LayerHarness.of(() -> new Attention().scoreMode("concat").useScale(true).dropout(0.3)).inputs(Shape.of(3, 4), Shape.of(5, 4))
                .outputs(Shape.of(null, 3, 4)).weights("scale ()", "concat_score_weight ()").run();
        LayerHarness.of(AdditiveAttention::new).inputs(Shape.of(3, 4), Shape.of(5, 4))
                .outputs(Shape.of(null, 3, 4)).weights("scale (4,)").run();
        LayerHarness.of(() -> new AdditiveAttention().useScale(false).returnAttentionScores(true)).inputs(Shape.of(3, 4), Shape.of(5, 4))
                .outputs(Shape.of(null, 3, 4), Shape.of(null, 3, 5)).weights().noTrainStep().run();
    }

    static INDArray rand(long... shape) {
        return Nd4j.rand(DataType.DOUBLE, shape).subi(0.5).muli(2);
    }

    /** (batch, steps) masks with the given number of valid leading steps per sample. */
    static INDArray lengths(long steps, int... valid) {
        INDArray m = Nd4j.zeros(DataType.DOUBLE, valid.length, steps);
        for (int b = 0; b < valid.length; b++) for (int t = 0; t < valid[b]; t++) m.putScalar(b, t, 1);
        return m;
    }

    @Test
    @ExtendWith(Float64.class)
    void gradients() {
        INDArray q = rand(2, 3, 4), v = rand(2, 5, 4), k = rand(2, 5, 4), v6 = rand(2, 5, 6);
        for (boolean causal : new boolean[]{false, true}) {
            for (boolean scores : new boolean[]{false, true}) {
                GradientCheck.create().check(new Attention().useCausalMask(causal).returnAttentionScores(scores), q, v);
                GradientCheck.create().check(new Attention().useScale(true).useCausalMask(causal).returnAttentionScores(scores), q, v6, k);
                GradientCheck.create().check(new Attention().scoreMode("concat").useCausalMask(causal).returnAttentionScores(scores), q, v);
                GradientCheck.create().check(new Attention().scoreMode("concat").useScale(true).useCausalMask(causal), q, v6, k);
                GradientCheck.create().check(new AdditiveAttention().useCausalMask(causal).returnAttentionScores(scores), q, v);
                GradientCheck.create().check(new AdditiveAttention().useScale(false).useCausalMask(causal), q, v6, k);
            }
        }
        // masks: query and value
        INDArray qm = lengths(3, 3, 2), vm = lengths(5, 4, 2);
        GradientCheck.create().masks(qm, vm).check(new Attention().useScale(true).returnAttentionScores(true), q, v);
        GradientCheck.create().masks(qm, vm, null).check(new Attention().scoreMode("concat").useScale(true).useCausalMask(true), q, v6, k);
        GradientCheck.create().masks(null, vm).check(new AdditiveAttention().returnAttentionScores(true), q, v6, k);
        // dropout in training (the check reseeds the generator before every pass)
        GradientCheck.create().training(true).check(new Attention().dropout(0.3).returnAttentionScores(true), q, v6, k);
        GradientCheck.create().training(true).check(new AdditiveAttention().dropout(0.3), q, v);
        // tf.keras's rank-2 form
        GradientCheck.create().check(new Attention().useScale(true), rand(4, 3), rand(4, 3));
    }

    @Test
    void masksFlowFromEmbeddingAndTheQueryMaskIsTheOutputs() {
        KerasTensor ids = Input.create(Shape.of(null, 4), null, "int32");
        KerasTensor e = new Embedding(10, 3).maskZero(true).apply(ids);
        KerasTensor a = new Attention().apply(e, e);
        io.jkeras.models.Model m = new io.jkeras.models.Model(List.of(ids), List.of(a));
        INDArray x = Nd4j.createFromArray(new int[][]{{1, 2, 0, 0}, {3, 0, 0, 0}});
        INDArray y = m.predict(x);
        // masked query steps give zeros; valid steps attend only to valid value steps
        assertThat(y.getDouble(0, 2, 0)).isZero();
        assertThat(y.getDouble(1, 1, 1)).isZero();
        INDArray emb = m.layers().get(1).getWeights().get(0);
        // sample 1 has one valid step: its output is that step's embedding
        assertThat(y.get(org.nd4j.linalg.indexing.NDArrayIndex.point(1), org.nd4j.linalg.indexing.NDArrayIndex.point(0), org.nd4j.linalg.indexing.NDArrayIndex.all()).castTo(DataType.DOUBLE))
                .isEqualTo(emb.getRow(3).castTo(DataType.DOUBLE));
    }

    @Test
    void badInput() {
        assertThatThrownBy(() -> new Attention().name("att").apply(Input.shape(3, 4)))
                .hasMessageContaining("att").hasMessageContaining("inputs list of length 2 or 3");
        assertThatThrownBy(() -> new Attention().name("att2").apply(Input.shape(3, 4), Input.shape(5, 6), Input.shape(5, 3)))
                .hasMessageContaining("att2").hasMessageContaining("last dimension of query and key");
        assertThatThrownBy(() -> new Attention().apply(Input.shape(3, 4), Input.shape(2, 5, 4)))
                .hasMessageContaining("3-D");
        assertThatThrownBy(() -> new Attention().scoreMode("general")).hasMessageContaining("score_mode");
        Attention a = new Attention().name("att3");
        INDArray q = Nd4j.rand(DataType.FLOAT, 2, 3, 4), v = Nd4j.rand(DataType.FLOAT, 2, 5, 4);
        assertThatThrownBy(() -> a.forward(List.of(q, v), java.util.Arrays.asList(null, Nd4j.ones(2, 4)), false))
                .hasMessageContaining("att3").hasMessageContaining("value mask must have shape (2, 5)");
    }
}
