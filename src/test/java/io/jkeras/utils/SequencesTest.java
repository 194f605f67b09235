package io.jkeras.utils;

import io.jkeras.preprocessing.text.KerasTextFixtures;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class SequencesTest {
    private static final List<List<Integer>> DOC = List.of(List.of(1), List.of(2, 3), List.of(4, 5, 6));

    private static long[][] longs(INDArray a) {
        return a.toLongMatrix();
    }

    @Test
    void kerasDocstringExamples() {
        // keras.utils.pad_sequences's docstring, with its printed outputs
        INDArray x = Sequences.padSequences(DOC);
        assertThat(x.dataType()).isEqualTo(DataType.INT);
        assertThat(longs(x)).isDeepEqualTo(new long[][]{{0, 0, 1}, {0, 2, 3}, {4, 5, 6}});
        assertThat(longs(Sequences.padSequences(DOC, Sequences.options().value(-1))))
                .isDeepEqualTo(new long[][]{{-1, -1, 1}, {-1, 2, 3}, {4, 5, 6}});
        assertThat(longs(Sequences.padSequences(DOC, Sequences.options().padding("post"))))
                .isDeepEqualTo(new long[][]{{1, 0, 0}, {2, 3, 0}, {4, 5, 6}});
        assertThat(longs(Sequences.padSequences(DOC, Sequences.options().maxlen(2))))
                .isDeepEqualTo(new long[][]{{0, 1}, {2, 3}, {5, 6}});
    }

    @Test
    @SuppressWarnings("unchecked")
    void matchesKerasFixtures() {
        List<Map<String, Object>> cases = (List<Map<String, Object>>) KerasTextFixtures.all().get("pad_sequences");
        assertThat(cases).hasSizeGreaterThan(5);
        for (Map<String, Object> c : cases) {
            Map<String, Object> kw = (Map<String, Object>) c.get("kwargs");
            Sequences.PadOptions o = Sequences.options();
            kw.forEach((k, v) -> {
                switch (k) {
                    case "maxlen" -> o.maxlen(((Number) v).intValue());
                    case "padding" -> o.padding((String) v);
                    case "truncating" -> o.truncating((String) v);
                    case "value" -> o.value(((Number) v).doubleValue());
                    case "dtype" -> o.dtype((String) v);
                    default -> throw new AssertionError(k);
                }
            });
            List<List<Number>> seqs = (List<List<Number>>) c.get("sequences");
            INDArray x = Sequences.padSequences(seqs, o);
            assertThat(io.jkeras.Keras.dtypeName(x.dataType())).as("dtype for %s", kw).isEqualTo(c.get("dtype"));
            double[][] expected = KerasTextFixtures.matrix(c.get("output"));
            assertThat(x.castTo(DataType.DOUBLE).toDoubleMatrix()).as("%s", kw).isDeepEqualTo(expected);
        }
    }

    /** An independent reference: Keras's slicing rules written out with Java lists. */
    private static List<List<Integer>> reference(List<List<Integer>> seqs, int maxlen, boolean padPre, boolean truncPre, int value) {
        List<List<Integer>> out = new ArrayList<>();
        for (List<Integer> s : seqs) {
            List<Integer> kept = s.size() <= maxlen ? s : truncPre ? s.subList(s.size() - maxlen, s.size()) : s.subList(0, maxlen);
            List<Integer> row = new ArrayList<>();
            List<Integer> pad = new ArrayList<>();
            for (int i = kept.size(); i < maxlen; i++) pad.add(value);
            if (padPre) row.addAll(pad);
            row.addAll(kept);
            if (!padPre) row.addAll(pad);
            out.add(row);
        }
        return out;
    }

    @Test
    void everyCombinationAgainstTheReference() {
        java.util.Random r = new java.util.Random(7);
        List<List<Integer>> seqs = new ArrayList<>();
        for (int i = 0; i < 12; i++) {
            List<Integer> s = new ArrayList<>();
            int len = r.nextInt(9);
            for (int k = 0; k < len; k++) s.add(1 + r.nextInt(50));
            seqs.add(s);
        }
        for (int maxlen : new int[]{1, 3, 5, 8, 11}) {
            for (String p : List.of("pre", "post")) {
                for (String t : List.of("pre", "post")) {
                    INDArray x = Sequences.padSequences(seqs, Sequences.options().maxlen(maxlen).padding(p).truncating(t).value(-3));
                    List<List<Integer>> ref = reference(seqs, maxlen, p.equals("pre"), t.equals("pre"), -3);
                    long[][] got = longs(x);
                    for (int i = 0; i < seqs.size(); i++) {
                        assertThat(Arrays.stream(got[i]).boxed().map(Long::intValue).toList()).as("%d %s %s row %d", maxlen, p, t, i)
                                .isEqualTo(ref.get(i));
                    }
                }
            }
        }
    }

    @Test
    void arraysDtypesAndEmptyCases() {
        INDArray x = Sequences.padSequences(new int[][]{{5, 6, 7}, {}}, Sequences.options().dtype("float32").value(0.5));
        assertThat(x.dataType()).isEqualTo(DataType.FLOAT);
        assertThat(x.toFloatMatrix()).isDeepEqualTo(new float[][]{{5, 6, 7}, {0.5f, 0.5f, 0.5f}});
        assertThat(Sequences.padSequences(List.of(), Sequences.options().maxlen(4)).shape()).containsExactly(0, 4);
        assertThat(Sequences.padSequences(List.of(List.of(), List.of())).shape()).containsExactly(2, 0);
        assertThat(Sequences.padSequences(List.of(List.of(1.9, -1.9))).toIntVector()).containsExactly(1, -1);
    }

    @Test
    void errorsAsKeras() {
        assertThatThrownBy(() -> Sequences.padSequences(List.of())).hasMessageContaining("zero-size array to reduction operation maximum");
        assertThatThrownBy(() -> Sequences.options().padding("middle")).hasMessage("Padding type \"middle\" not understood");
        assertThatThrownBy(() -> Sequences.options().truncating("both")).hasMessage("Truncating type \"both\" not understood");
        List<List<Integer>> withNull = new ArrayList<>();
        withNull.add(List.of(1));
        withNull.add(null);
        assertThatThrownBy(() -> Sequences.padSequences(withNull))
                .hasMessage("`sequences` must be a list of iterables. Found non-iterable: None");
        assertThatThrownBy(() -> Sequences.options().dtype("complex64")).hasMessageContaining("Unknown dtype");
        assertThatThrownBy(() -> Sequences.options().dtype("string")).hasMessageContaining("pads sequences of numbers");
        assertThatThrownBy(() -> Sequences.options().maxlen(-1)).hasMessageContaining("maxlen=-1");
    }
}
