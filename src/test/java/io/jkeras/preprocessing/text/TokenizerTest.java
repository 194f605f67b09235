package io.jkeras.preprocessing.text;

import io.jkeras.saving.Json;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static io.jkeras.preprocessing.text.KerasTextFixtures.get;
import static io.jkeras.preprocessing.text.KerasTextFixtures.intLists;
import static io.jkeras.preprocessing.text.KerasTextFixtures.matrix;
import static io.jkeras.preprocessing.text.KerasTextFixtures.strings;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

class TokenizerTest {
    private static final String[] CASES = {"default", "oov", "num_words", "num_words_oov", "char_level", "no_lower_custom_split"};

    static Map<String, Object> fixture(String name) {
        Map<String, Object> tokenizers = get(KerasTextFixtures.all(), "tokenizers");
        return get(tokenizers, name);
    }

    /** A Java tokenizer set up with a Python kwargs dict. */
    static Tokenizer withKwargs(Map<String, Object> kwargs) {
        Tokenizer t = new Tokenizer();
        kwargs.forEach((k, v) -> {
            switch (k) {
                case "num_words" -> t.numWords(((Number) v).intValue());
                case "oov_token" -> t.oovToken((String) v);
                case "char_level" -> t.charLevel((Boolean) v);
                case "lower" -> t.lower((Boolean) v);
                case "split" -> t.split((String) v);
                case "filters" -> t.filters((String) v);
                default -> throw new AssertionError(k);
            }
        });
        return t;
    }

    static Tokenizer fitted(String name) {
        Map<String, Object> f = fixture(name);
        return withKwargs(get(f, "kwargs")).fitOnTexts(strings(f.get("fit_texts")));
    }

    static List<String> queries() {
        return strings(KerasTextFixtures.all().get("queries"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"default", "oov", "num_words", "num_words_oov", "char_level", "no_lower_custom_split"})
    void matchesKerasOnItsOwnFixtures(String name) {
        Map<String, Object> f = fixture(name);
        Tokenizer t = fitted(name);
        Map<String, Object> wordIndex = get(f, "word_index");
        // the order of the entries is Keras's (count desc, ties in first-seen order), not only the pairs
        assertThat(new ArrayList<>(t.wordIndex().keySet())).containsExactlyElementsOf(wordIndex.keySet());
        wordIndex.forEach((w, i) -> assertThat(t.wordIndex().get(w)).as(w).isEqualTo(((Number) i).intValue()));

        List<List<Integer>> seqs = t.textsToSequences(queries());
        assertThat(seqs).isEqualTo(intLists(f.get("texts_to_sequences")));
        List<List<Integer>> back = new ArrayList<>(seqs);
        back.add(List.of(1, 2, 3, 999));
        assertThat(t.sequencesToTexts(back)).isEqualTo(strings(f.get("sequences_to_texts")));

        Map<String, Object> matrices = get(f, "matrix");
        for (String mode : List.of("binary", "count", "freq", "tfidf")) {
            INDArray m = t.textsToMatrix(queries(), mode);
            assertThat(m.dataType()).isEqualTo(DataType.DOUBLE);
            double[][] expected = matrix(matrices.get(mode));
            assertThat(m.shape()).containsExactly(expected.length, expected[0].length);
            for (int i = 0; i < expected.length; i++) {
                for (int j = 0; j < expected[i].length; j++) {
                    assertThat(m.getDouble(i, j)).as("%s %s [%d, %d]", name, mode, i, j).isCloseTo(expected[i][j], within(1e-12));
                }
            }
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"default", "oov", "num_words", "num_words_oov", "char_level", "no_lower_custom_split"})
    void toJsonIsKerasToJsonByteForByte(String name) {
        String keras = (String) fixture(name).get("to_json");
        String java = fitted(name).toJson();
        // word_docs and index_docs come from a Python set, in an order Keras does not define: equal as maps,
        // and with them swapped in, the rest of the document must be byte for byte Keras's.
        String kerasDocs = between(keras, "\"word_docs\": ", ", \"index_word\": ");
        String javaDocs = between(java, "\"word_docs\": ", ", \"index_word\": ");
        assertThat(java).isEqualTo(keras.replace(kerasDocs, javaDocs));
        Map<String, Object> kc = get(Json.read(keras), "config"), jc = get(Json.read(java), "config");
        for (String k : List.of("word_docs", "index_docs")) {
            assertThat(Json.read((String) jc.get(k))).as(k).isEqualTo(Json.read((String) kc.get(k)));
        }
    }

    /** NumPy's log and Java's may differ in the last bit. */
    static void assertClose(double[][] actual, double[][] expected) {
        assertThat(actual.length).isEqualTo(expected.length);
        for (int i = 0; i < expected.length; i++) {
            assertThat(actual[i].length).isEqualTo(expected[i].length);
            for (int j = 0; j < expected[i].length; j++) assertThat(actual[i][j]).as("[%d, %d]", i, j).isCloseTo(expected[i][j], within(1e-12));
        }
    }

    private static String between(String s, String from, String to) {
        int a = s.indexOf(from), b = s.indexOf(to);
        assertThat(a).isGreaterThan(0);
        assertThat(b).isGreaterThan(a);
        return s.substring(a, b);
    }

    @Test
    void readsKerasJsonAndConvertsAsKeras() {
        for (String name : CASES) {
            Map<String, Object> f = fixture(name);
            Tokenizer t = Tokenizer.tokenizerFromJson((String) f.get("to_json"));
            Tokenizer ref = fitted(name);
            assertThat(t.wordIndex()).isEqualTo(ref.wordIndex());
            assertThat(t.indexWord()).isEqualTo(ref.indexWord());
            assertThat(t.wordCounts()).isEqualTo(ref.wordCounts());
            assertThat(t.wordDocs()).isEqualTo(ref.wordDocs());
            assertThat(t.indexDocs()).isEqualTo(ref.indexDocs());
            assertThat(t.documentCount()).isEqualTo(ref.documentCount());
            assertThat(t.textsToSequences(queries())).isEqualTo(intLists(f.get("texts_to_sequences")));
            double[][] tfidf = matrix(((Map<?, ?>) f.get("matrix")).get("tfidf"));
            assertClose(t.textsToMatrix(queries(), "tfidf").toDoubleMatrix(), tfidf);
            // and what jkeras writes from it is what Keras wrote, byte for byte (the dict orders were kept)
            assertThat(t.toJson()).isEqualTo(f.get("to_json"));
        }
    }

    @Test
    void fitOnSequencesMatchesKeras() {
        Map<String, Object> f = get(KerasTextFixtures.all(), "fit_on_sequences");
        Tokenizer t = new Tokenizer().numWords(6).fitOnSequences(intLists(f.get("sequences")));
        assertThat(t.documentCount()).isEqualTo(((Number) f.get("document_count")).intValue());
        INDArray m = t.sequencesToMatrix(List.of(List.of(1, 2, 2, 3), List.of(5, 9), List.of()), "tfidf");
        assertClose(m.toDoubleMatrix(), matrix(f.get("matrix_tfidf")));
    }

    @Test
    void handWorkedExample() {
        // counts: the 3, cat 2, sat 2, dog 1, on 1 -> the, cat, sat (tie: first seen), dog, on; <OOV> forced to 1
        Tokenizer t = new Tokenizer().oovToken("<OOV>").fitOnTexts("The cat sat.", "The dog sat on the cat!");
        assertThat(new ArrayList<>(t.wordIndex().entrySet()).toString()).isEqualTo("[<OOV>=1, the=2, cat=3, sat=4, dog=5, on=6]");
        assertThat(t.textsToSequences(List.of("the bird sat"))).containsExactly(List.of(2, 1, 4));
        assertThat(t.wordDocs()).containsEntry("the", 2).containsEntry("dog", 1);
        assertThat(t.indexDocs()).containsEntry(2, 2).containsEntry(5, 1).doesNotContainKey(1);
        // tfidf by hand: "the the dog" -> the: (1 + ln 2) * ln(1 + 2 / (1 + 2)), dog: (1 + ln 1) * ln(1 + 2 / 2)
        INDArray m = t.textsToMatrix(List.of("the the dog"), "tfidf");
        assertThat(m.getDouble(0, 2)).isCloseTo((1 + Math.log(2)) * Math.log(1 + 2.0 / 3), within(1e-15));
        assertThat(m.getDouble(0, 5)).isCloseTo(Math.log(2), within(1e-15));
        assertThat(m.sumNumber().doubleValue()).isCloseTo((1 + Math.log(2)) * Math.log(5.0 / 3) + Math.log(2), within(1e-15));
        // num_words 3 keeps indices 1 and 2: cat (3) and dog (5) become <OOV>
        t.numWords(3);
        assertThat(t.textsToSequences(List.of("the cat dog"))).containsExactly(List.of(2, 1, 1));
        assertThat(t.textsToMatrix(List.of("the cat dog"), "freq").toDoubleVector()).containsExactly(0, 2.0 / 3, 1.0 / 3);
        // freq divides by the whole sequence length, indices past the width included
        assertThat(t.sequencesToMatrix(List.of(List.of(1, 2, 7)), "freq").toDoubleVector()).containsExactly(0, 1.0 / 3, 1.0 / 3);
    }

    @Test
    void defaultFiltersKeepApostrophesAndSplitOnPunctuation() {
        assertThat(Text.textToWordSequence("Don't STOP-me,now!\tplease\n")).containsExactly("don't", "stop", "me", "now", "please");
        assertThat(Text.textToWordSequence("a--b", "-", false, "--")).containsExactly("a", "b");
        assertThatThrownBy(() -> Text.textToWordSequence("a", "", true, "")).hasMessage("empty separator");
    }

    @Test
    void analyzerReplacesFilteringAndSplitting() {
        Tokenizer t = new Tokenizer().analyzer(s -> List.of(s.split(","))).fitOnTexts("a,B,a", "c");
        assertThat(t.wordIndex()).containsEntry("a", 1).containsEntry("B", 2).containsEntry("c", 3);
        assertThat(t.getConfig()).doesNotContainKey("analyzer");
    }

    @Test
    void jsonRoundTripKeepsEverything() {
        Tokenizer t = new Tokenizer().numWords(10).oovToken("ü?").lower(false).split("\t")
                .fitOnTexts("Ünïcode\tquote\"d\tback\\slash", "tab\tÜnïcode");
        Tokenizer u = Tokenizer.tokenizerFromJson(t.toJson());
        assertThat(u.toJson()).isEqualTo(t.toJson());
        assertThat(u.numWords()).isEqualTo(10);
        assertThat(u.oovToken()).isEqualTo("ü?");
        assertThat(u.lower()).isFalse();
        assertThat(u.split()).isEqualTo("\t");
        assertThat(u.textsToSequences(List.of("Ünïcode\tnew"))).isEqualTo(t.textsToSequences(List.of("Ünïcode\tnew")));
        // Python's ensure_ascii escapes, doubled by the JSON string that holds the inner JSON
        assertThat(t.toJson()).contains("\\\"\\\\u00dcn\\\\u00efcode\\\": ").contains("\"oov_token\": \"\\u00fc?\"");
    }

    @Test
    void errorsAsKeras() {
        assertThatThrownBy(() -> new Tokenizer().textsToMatrix(List.of("a")))
                .hasMessage("Specify a dimension (`num_words` argument), or fit on some text data first.");
        assertThatThrownBy(() -> new Tokenizer().numWords(5).sequencesToMatrix(List.of(List.of(1)), "tfidf"))
                .hasMessage("Fit the Tokenizer on some data before using tfidf mode.");
        Tokenizer t = new Tokenizer().fitOnTexts("a b");
        assertThatThrownBy(() -> t.textsToMatrix(List.of("a"), "onehot")).hasMessageStartingWith("Unknown vectorization mode: onehot");
        assertThatThrownBy(() -> t.sequencesToMatrix(List.of(List.of(-1)), "count")).hasMessageContaining("word index of -1");
        assertThatThrownBy(() -> Tokenizer.tokenizerFromJson("{\"class_name\": \"Tokenizer\"}")).hasMessageContaining("\"config\"");
        String extra = t.toJson().replace("\"lower\": true", "\"lower\": true, \"nope\": 1");
        assertThatThrownBy(() -> Tokenizer.tokenizerFromJson(extra)).hasMessage("Unrecognized keyword arguments: [nope]");
        assertThatThrownBy(() -> Tokenizer.tokenizerFromJson("{not json")).hasMessageStartingWith("Invalid JSON");
    }

    @Test
    void emptyInputs() {
        Tokenizer t = new Tokenizer().fitOnTexts("a b");
        assertThat(t.textsToMatrix(List.of()).shape()).containsExactly(0, 3);
        assertThat(t.textsToSequences(List.of("", "zzz"))).containsExactly(List.of(), List.of());
        assertThat(t.sequencesToTexts(List.of(List.of(2, 1, 7)))).containsExactly("b a");
    }
}
