package io.jkeras.layers;

import io.jkeras.models.Model;
import io.jkeras.models.Models;
import io.jkeras.saving.KerasFiles;
import io.jkeras.testing.Float64;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static io.jkeras.layers.AttentionTest.lengths;
import static io.jkeras.layers.AttentionTest.rand;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Attention and AdditiveAttention against an independent float64 numpy reference (Keras 3's formulas), and the real
 * tf.keras 2.11 file keras-attention.h5 against a numpy forward pass of its own weights read with h5py.
 */
class AttentionParityTest {
    @TempDir
    Path dir;

    @Test
    @ExtendWith(Float64.class)
    void matchesNumpyForEveryScoreModeMaskAndOption() throws Exception {
        INDArray q = rand(2, 4, 3), v = rand(2, 5, 6), k = rand(2, 5, 3), qm = lengths(4, 4, 2), vm = lengths(5, 3, 5);
        double worst = 0;
        int cases = 0;
        for (String kind : new String[]{"dot", "concat", "additive"}) {
            for (boolean scale : new boolean[]{false, true}) {
                for (boolean causal : new boolean[]{false, true}) {
                    for (boolean masked : new boolean[]{false, true}) {
                        Attention a = kind.equals("additive") ? new AdditiveAttention().useScale(scale)
                                : new Attention().scoreMode(kind).useScale(scale);
                        a.useCausalMask(causal).returnAttentionScores(true);
                        List<INDArray> in = List.of(q, v, k);
                        a.call(in, false);
                        // non-default weights so that scale and concat_score_weight matter
                        for (io.jkeras.Variable w : a.weights()) w.assign(w.value().add(0.37));
                        List<INDArray> got = masked ? a.forward(in, Arrays.asList(qm, vm, null), false).outputs()
                                : a.forward(in, false).outputs();
                        Map<String, INDArray> arrays = new LinkedHashMap<>(Map.of("query", q, "value", v, "key", k));
                        for (io.jkeras.Variable w : a.weights()) arrays.put(w.name(), w.value());
                        if (masked) {
                            arrays.put("query_mask", qm);
                            arrays.put("value_mask", vm);
                        }
                        Map<String, Object> o = new LinkedHashMap<>();
                        o.put("score_mode", kind);
                        o.put("use_causal_mask", causal);
                        Map<String, INDArray> ref = NumpyReference.run(kind.equals("additive") ? "additive" : "attention", arrays, o);
                        worst = Math.max(worst, Math.max(NumpyReference.relError(got.get(0), ref.get("output")),
                                NumpyReference.relError(got.get(1), ref.get("scores"))));
                        cases++;
                    }
                }
            }
        }
        System.out.println("Attention/AdditiveAttention vs numpy, float64, " + cases + " cases: max relative error " + worst);
        assertThat(worst).isLessThan(1e-12);
    }

    @Test
    @ExtendWith(Float64.class)
    void rankTwoInputsAttendAcrossTheBatchAsTfKeras2() throws Exception {
        INDArray q = rand(5, 4), v = rand(5, 4);
        Attention a = new Attention().returnAttentionScores(true);
        List<INDArray> got = a.call(List.of(q, v), false);
        Map<String, INDArray> ref = NumpyReference.run("attention", Map.of("query", q, "value", v), Map.of());
        assertThat(got.get(1).shape()).containsExactly(5, 5);
        assertThat(NumpyReference.relError(got.get(0), ref.get("output"))).isLessThan(1e-12);
        assertThat(NumpyReference.relError(got.get(1), ref.get("scores"))).isLessThan(1e-12);
    }

    @Test
    void tfKeras211AttentionFilePredictsAsItsOwnWeightsSay() throws Exception {
        Path file = KerasFiles.copy("keras-attention.h5", dir);
        Model m = Models.loadModel(file.toString());
        assertThat(m.layers().stream().map(l -> l.className()).toList())
                .containsExactly("InputLayer", "Dense", "Attention", "Concatenate", "Dense", "Dense");
        Attention att = (Attention) m.layers().get(2);
        assertThat(att.dropout()).isEqualTo(0.2);
        assertThat(att.scoreMode()).isEqualTo("dot");
        Nd4j.getRandom().setSeed(11);
        INDArray x = Nd4j.rand(DataType.FLOAT, 16, 22).muli(4).subi(2);
        INDArray y = m.predict(x);
        Map<String, INDArray> ref = NumpyReference.run("keras_attention_h5", Map.of("x", x), Map.of("path", file.toString()));
        assertThat(y.shape()).containsExactly(16, 1);
        double e = NumpyReference.relError(y, ref.get("output"));
        // the attention output itself, through a model cut at the attention layer
        Model cut = new Model(m.inputs(), List.of(att.output()));
        double ea = NumpyReference.relError(cut.predict(x), ref.get("attention"));
        System.out.println("keras-attention.h5 (tf.keras 2.11) vs numpy forward of its weights: output " + e + ", attention " + ea);
        assertThat(ref.get("output").amaxNumber().doubleValue()).as("a non-trivial output").isGreaterThan(0);
        assertThat(e).isLessThan(1e-5);
        assertThat(ea).isLessThan(1e-5);
    }
}
