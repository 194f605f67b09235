package io.jkeras.layers;

import io.jkeras.Input;
import io.jkeras.KerasTensor;
import io.jkeras.Shape;
import io.jkeras.Variable;
import io.jkeras.testing.Float64;
import io.jkeras.testing.GradientCheck;
import io.jkeras.testing.LayerHarness;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static io.jkeras.layers.AttentionTest.lengths;
import static io.jkeras.layers.AttentionTest.rand;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class MultiHeadAttentionTest {
    @Test
    void harness() {
        LayerHarness.of(() -> new MultiHeadAttention(2, 3)).inputs(Shape.of(4, 5), Shape.of(6, 7))
                .outputs(Shape.of(null, 4, 5))
                .weights("query/kernel (5, 2, 3)", "query/bias (2, 3)", "key/kernel (7, 2, 3)", "key/bias (2, 3)",
                        "value/kernel (7, 2, 3)", "value/bias (2, 3)", "attention_output/kernel (2, 3, 5)", "attention_output/bias (5,)")
                // no training step here: the key bias adds q·b to a whole row of scores, which the softmax cancels, so its
                // gradient is exactly zero (in Keras too) and one step leaves it unchanged; the next harness has no biases
                .noTrainStep().run();
        LayerHarness.of(() -> new MultiHeadAttention(2, 3).valueDim(4).useBias(false).outputShape(8).returnAttentionScores(true))
                .inputs(Shape.of(4, 5), Shape.of(6, 7), Shape.of(6, 2))
                .outputs(Shape.of(null, 4, 8), Shape.of(null, 2, 4, 6))
                .weights("query/kernel (5, 2, 3)", "key/kernel (2, 2, 3)", "value/kernel (7, 2, 4)", "attention_output/kernel (2, 4, 8)")
                .run();
        LayerHarness.of(() -> new MultiHeadAttention(2, 2).attentionAxes(2).returnAttentionScores(true).dropout(0.2))
                .inputs(Shape.of(3, 4, 5), Shape.of(3, 6, 5))
                .outputs(Shape.of(null, 3, 4, 5), Shape.of(null, 3, 2, 4, 6)).noTrainStep().run();
    }

    @Test
    @ExtendWith(Float64.class)
    void gradients() {
        INDArray q = rand(2, 3, 4), v = rand(2, 5, 6), k = rand(2, 5, 3);
        for (boolean causal : new boolean[]{false, true}) {
            for (boolean scores : new boolean[]{false, true}) {
                GradientCheck.create().check(new MultiHeadAttention(2, 3).useCausalMask(causal).returnAttentionScores(scores), q, v);
                GradientCheck.create().check(new MultiHeadAttention(3, 2).valueDim(4).outputShape(2, 3)
                        .useCausalMask(causal).returnAttentionScores(scores), q, v, k);
            }
        }
        GradientCheck.create().check(new MultiHeadAttention(2, 3).useBias(false), q, q.dup());
        // masks: Keras masks of query, value, key; an attention_mask input; both at once
        INDArray qm = lengths(3, 3, 2), vm = lengths(5, 4, 2), km = lengths(5, 5, 3);
        GradientCheck.create().masks(qm, vm).check(new MultiHeadAttention(2, 3).returnAttentionScores(true), q, v);
        GradientCheck.create().masks(qm, vm, km).check(new MultiHeadAttention(2, 3).useCausalMask(true), q, v, k);
        INDArray am = Nd4j.rand(DataType.DOUBLE, 2, 3, 5).gt(0.3).castTo(DataType.DOUBLE);
        am.putScalar(new long[]{0, 0, 0}, 1);
        GradientCheck.create().checkInputs(false).check(new MultiHeadAttention(2, 3), q, v, k, am);
        GradientCheck.create().checkInputs(false).masks(qm, vm, null, null).check(new MultiHeadAttention(2, 3).useCausalMask(true), q, v, k, am);
        // dropout in training
        GradientCheck.create().training(true).check(new MultiHeadAttention(2, 3).dropout(0.3).returnAttentionScores(true), q, v);
        // rank 4: attention over two axes jointly (default), and over one
        INDArray q4 = rand(2, 2, 3, 4), v4 = rand(2, 2, 2, 4);
        GradientCheck.create().check(new MultiHeadAttention(2, 2).returnAttentionScores(true), q4, v4);
        GradientCheck.create().check(new MultiHeadAttention(2, 2).attentionAxes(2).returnAttentionScores(true), q4, rand(2, 2, 4, 3));
    }

    @Test
    @ExtendWith(Float64.class)
    void inputGradientsWithAnAttentionMaskInput() {
        // the input gradient check for q, v, k with a mask input: wrap so that the mask is a constant
        INDArray q = rand(2, 3, 4), v = rand(2, 5, 4), k = rand(2, 5, 4);
        INDArray am = AttentionOps.causal(3, 5, DataType.DOUBLE).reshape(1, 3, 5);
        MultiHeadAttention mha = new MultiHeadAttention(2, 3);
        Layer wrapped = new Layer() {
            @Override
            protected int expectedInputCount() {
                return 3;
            }

            @Override
            protected List<Variable> ownVariables() {
                return mha.weights();
            }

            @Override
            protected void build(List<Shape> s) {
                mha.call(List.of(q, v, k, am), false);
            }

            @Override
            public Forward forward(List<INDArray> in, boolean training) {
                Forward f = mha.forward(List.of(in.get(0), in.get(1), in.get(2), am), training);
                return Forward.of(f.outputs(), g -> f.backward(g).subList(0, 3));
            }
        };
        GradientCheck.create().check(wrapped, q, v, k);
    }

    private static Map<String, INDArray> weightsOf(MultiHeadAttention m) {
        Map<String, INDArray> a = new LinkedHashMap<>();
        for (Variable w : m.weights()) a.put(w.name().replace('/', '_'), w.value());
        return a;
    }

    @Test
    @ExtendWith(Float64.class)
    void matchesAnIndependentNumpyEinsumReference() throws Exception {
        INDArray q = rand(2, 4, 6), v = rand(2, 5, 7), k = rand(2, 5, 3);
        INDArray qm = lengths(4, 4, 3), vm = lengths(5, 5, 2), am = Nd4j.rand(DataType.DOUBLE, 2, 4, 5).gt(0.2).castTo(DataType.DOUBLE);
        double worst = 0;
        for (int variant = 0; variant < 5; variant++) {
            MultiHeadAttention m = new MultiHeadAttention(3, 2).valueDim(4).returnAttentionScores(true)
                    .biasInitializer("random_normal");
            Map<String, INDArray> a = new LinkedHashMap<>();
            Map<String, Object> o = new LinkedHashMap<>();
            o.put("num_heads", 3);
            o.put("key_dim", 2);
            List<INDArray> in;
            List<INDArray> masks = null;
            a.put("query", q);
            a.put("value", v);
            switch (variant) {
                case 0 -> in = List.of(q, v);
                case 1 -> {
                    in = List.of(q, v, k);
                    a.put("key", k);
                    m.useCausalMask(true).outputShape(2, 2);
                    o.put("use_causal_mask", true);
                }
                case 2 -> {
                    in = List.of(q, v, k, am);
                    a.put("key", k);
                    a.put("attention_mask", am);
                    masks = java.util.Arrays.asList(qm, vm, null, null);
                    a.put("query_mask", qm);
                    a.put("value_mask", vm);
                }
                case 3 -> {
                    q = rand(2, 2, 3, 6);
                    v = rand(2, 2, 4, 7);
                    in = List.of(q, v);
                    a.put("query", q);
                    a.put("value", v);
                    m.attentionAxes(2);
                    o.put("attention_axes", List.of(2));
                }
                default -> {
                    q = rand(2, 2, 3, 6);
                    v = rand(2, 2, 2, 7);
                    in = List.of(q, v);
                    a.put("query", q);
                    a.put("value", v);
                }
            }
            m.call(in, false);
            a.putAll(weightsOf(m));
            Map<String, INDArray> ref = NumpyReference.run("mha", a, o);
            List<INDArray> got = masks == null ? m.forward(in, false).outputs() : m.forward(in, masks, false).outputs();
            assertThat(got.get(0).shape()).isEqualTo(ref.get("output").shape());
            assertThat(got.get(1).shape()).isEqualTo(ref.get("scores").shape());
            worst = Math.max(worst, Math.max(NumpyReference.relError(got.get(0), ref.get("output")),
                    NumpyReference.relError(got.get(1), ref.get("scores"))));
        }
        System.out.println("MultiHeadAttention vs numpy einsum reference, float64: max relative error " + worst);
        assertThat(worst).isLessThan(1e-12);
    }

    @Test
    void float32MatchesTheReferenceTo1e6() throws Exception {
        INDArray q = Nd4j.rand(DataType.FLOAT, 3, 7, 16).subi(0.5), v = Nd4j.rand(DataType.FLOAT, 3, 9, 16).subi(0.5);
        MultiHeadAttention m = new MultiHeadAttention(4, 8).useCausalMask(true).returnAttentionScores(true);
        List<INDArray> got = m.call(List.of(q, v), false);
        Map<String, INDArray> a = new LinkedHashMap<>(Map.of("query", q, "value", v));
        a.putAll(weightsOf(m));
        Map<String, INDArray> ref = NumpyReference.run("mha", a, Map.of("num_heads", 4, "key_dim", 8, "use_causal_mask", true));
        double e = Math.max(NumpyReference.relError(got.get(0), ref.get("output")), NumpyReference.relError(got.get(1), ref.get("scores")));
        System.out.println("MultiHeadAttention float32 vs float64 numpy: max relative error " + e);
        assertThat(e).isLessThan(1e-5);
    }

    @Test
    void masksFromEmbeddingFlowIntoAFunctionalModel() {
        KerasTensor ids = Input.create(Shape.of(null, 5), null, "int32");
        KerasTensor e = new Embedding(20, 8).maskZero(true).apply(ids);
        MultiHeadAttention mha = new MultiHeadAttention(2, 4);
        KerasTensor y = mha.apply(e, e);
        io.jkeras.models.Model m = new io.jkeras.models.Model(List.of(ids), List.of(y));
        INDArray x = Nd4j.createFromArray(new int[][]{{3, 4, 0, 0, 0}, {5, 6, 7, 0, 0}});
        INDArray out = m.predict(x);
        // the same ids with other values in the padded (masked) positions give the same outputs at valid steps
        INDArray x2 = Nd4j.createFromArray(new int[][]{{3, 4, 0, 0, 0}, {5, 6, 7, 0, 0}});
        INDArray emb = m.layers().get(1).getWeights().get(0);
        INDArray manual = mha.forward(List.of(emb.get(Nd4j.createFromArray(3L, 4L)).reshape(1, 2, 8), emb.get(Nd4j.createFromArray(3L, 4L)).reshape(1, 2, 8)), false).output();
        assertThat(NumpyReference.relError(out.get(org.nd4j.linalg.indexing.NDArrayIndex.point(0),
                org.nd4j.linalg.indexing.NDArrayIndex.interval(0, 2), org.nd4j.linalg.indexing.NDArrayIndex.all()), manual.reshape(2, 8)))
                .isLessThan(1e-5);
        assertThat(m.predict(x2)).isEqualTo(out);
    }

    @Test
    void badInput() {
        assertThatThrownBy(() -> new MultiHeadAttention(2, 3).name("mha_a").apply(Input.shape(4, 5)))
                .hasMessageContaining("mha_a").hasMessageContaining("[query, value]");
        assertThatThrownBy(() -> new MultiHeadAttention(2, 3).name("mha_b").apply(Input.shape(5), Input.shape(5)))
                .hasMessageContaining("mha_b").hasMessageContaining("at least 3");
        assertThatThrownBy(() -> new MultiHeadAttention(2, 3).name("mha_c").apply(Input.shape(4, 5), Input.shape(6, 5), Input.shape(7, 5)))
                .hasMessageContaining("mha_c").hasMessageContaining("All dimensions of `value` and `key`, except the last one, must be equal");
        MultiHeadAttention m = new MultiHeadAttention(2, 3).name("mha_d");
        m.apply(Input.shape(4, 5), Input.shape(6, 5));
        assertThatThrownBy(() -> m.apply(Nd4j.rand(DataType.FLOAT, 2, 4, 6), Nd4j.rand(DataType.FLOAT, 2, 6, 5)))
                .hasMessageContaining("mha_d").hasMessageContaining("last axis of query to have value 5");
        INDArray q = Nd4j.rand(DataType.FLOAT, 2, 4, 5), v = Nd4j.rand(DataType.FLOAT, 2, 6, 5);
        assertThatThrownBy(() -> m.forward(List.of(q, v), java.util.Arrays.asList(Nd4j.ones(2, 3), null), false))
                .hasMessageContaining("mha_d").hasMessageContaining("query mask must have shape (2, 4)");
        assertThatThrownBy(() -> m.forward(List.of(q, v, v, Nd4j.ones(2, 4, 5)), false))
                .hasMessageContaining("mha_d").hasMessageContaining("cannot be broadcast");
    }

    /** Self-attention (one tensor fans out to query, value and key) and one Attention layer shared by two calls. */
    @Test
    @ExtendWith(Float64.class)
    void gradientsThroughAFanOutAndSharedGraph() {
        KerasTensor x = Input.shape(4, 3);
        KerasTensor h = new Dense(6).apply(x);
        KerasTensor s = new MultiHeadAttention(2, 3).useCausalMask(true).apply(h, h, h);
        Attention shared = new Attention().useScale(true);
        KerasTensor a1 = shared.apply(s, h);
        KerasTensor a2 = shared.apply(h, s);
        KerasTensor y = new Add().apply(a1, a2);
        io.jkeras.models.Model m = new io.jkeras.models.Model(x, y);
        GradientCheck.create().check(m, rand(2, 4, 3));
    }
}
