package io.jkeras.layers;

import io.jkeras.Keras;
import io.jkeras.Shape;
import io.jkeras.saving.Config;
import io.jkeras.saving.Json;
import io.jkeras.saving.SavingRegistry;
import io.jkeras.testing.LayerHarness;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

class TextVectorizationTest {
    @BeforeEach
    void reset() {
        Keras.clearSession();
    }

    private static INDArray column(String... texts) {
        return Nd4j.create(List.of(texts), texts.length, 1);
    }

    @Test
    void kerasDocstringAdaptExample() {
        TextVectorization tv = new TextVectorization().maxTokens(5000).outputMode("int").outputSequenceLength(4);
        tv.adapt(List.of("foo bar", "bar baz", "baz bada boom"));
        // bar and baz both occur twice: the higher token bytes come first (Keras's lexsort, reversed)
        assertThat(tv.getVocabulary()).containsExactly("", "[UNK]", "baz", "bar", "foo", "boom", "bada");
        INDArray out = tv.apply(column("foo qux bar", "qux baz"));
        assertThat(out.dataType()).isEqualTo(DataType.LONG);
        assertThat(out.toLongMatrix()).isDeepEqualTo(new long[][]{{4, 1, 3, 0}, {1, 2, 0, 0}});
        assertThat(tv.apply("foo qux bar", "qux baz").toLongMatrix()).isDeepEqualTo(new long[][]{{4, 1, 3, 0}, {1, 2, 0, 0}});
    }

    @Test
    void kerasDocstringVocabularyExample() {
        TextVectorization tv = new TextVectorization().maxTokens(5000).outputSequenceLength(4)
                .vocabulary(List.of("earth", "wind", "and", "fire"));
        assertThat(tv.getVocabulary()).containsExactly("", "[UNK]", "earth", "wind", "and", "fire");
        assertThat(tv.getVocabulary(false)).containsExactly("earth", "wind", "and", "fire");
        assertThat(tv.vocabularySize()).isEqualTo(6);
        // "&" and "!" are stripped, so no OOV here
        assertThat(tv.call(List.of("Earth, wind & FIRE!")).toLongVector()).containsExactly(2, 3, 5, 0);
        assertThat(tv.call(List.of("earth and water")).toLongVector()).containsExactly(2, 4, 1, 0);
    }

    @Test
    void stringLookupDocstringEncodings() {
        // keras.layers.StringLookup's docstring examples (vocab a-d, "[UNK]" at 0 outside int mode), through TextVectorization
        List<String> vocab = List.of("a", "b", "c", "d");
        INDArray data = Nd4j.create("a c d d", "d z b z");
        assertThat(new TextVectorization().outputMode("multi_hot").vocabulary(vocab).apply(data).toFloatMatrix())
                .isDeepEqualTo(new float[][]{{0, 1, 0, 1, 1}, {1, 0, 1, 0, 1}});
        assertThat(new TextVectorization().outputMode("count").vocabulary(vocab).apply(data).toFloatMatrix())
                .isDeepEqualTo(new float[][]{{0, 1, 0, 1, 2}, {2, 0, 1, 0, 1}});
        INDArray tfidf = new TextVectorization().outputMode("tf_idf").vocabulary(vocab).idfWeights(0.25, 0.75, 0.6, 0.4).apply(data);
        assertThat(tfidf.dataType()).isEqualTo(DataType.FLOAT);
        assertThat(tfidf.toFloatMatrix()).isDeepEqualTo(new float[][]{{0, 0.25f, 0, 0.6f, 0.8f}, {1.0f, 0, 0.75f, 0, 0.4f}});
        assertThat(new TextVectorization().outputMode("multi_hot").vocabulary(vocab).getVocabulary())
                .containsExactly("[UNK]", "a", "b", "c", "d");
    }

    /** The reference order: count descending, then the token descending (ASCII tokens: String order is byte order). */
    private static List<String> referenceVocabulary(List<List<String>> docs, int cap) {
        Map<String, Integer> counts = new HashMap<>();
        for (List<String> d : docs) for (String t : d) counts.merge(t, 1, Integer::sum);
        List<String> tokens = new ArrayList<>(counts.keySet());
        tokens.sort(Comparator.<String>reverseOrder());
        tokens.sort((a, b) -> counts.get(b) - counts.get(a)); // stable: keeps the reversed order within a count
        return tokens.subList(0, Math.min(cap, tokens.size()));
    }

    private static List<String> randomCorpus(Random r, int docs) {
        String[] words = {"alpha", "beta", "gamma", "delta", "eps", "zeta", "eta", "theta", "iota", "kappa", "lambda", "mu"};
        List<String> texts = new ArrayList<>();
        for (int i = 0; i < docs; i++) {
            StringBuilder sb = new StringBuilder();
            int n = 1 + r.nextInt(8);
            for (int k = 0; k < n; k++) sb.append(k > 0 ? "  " : "").append(words[r.nextInt(r.nextBoolean() ? 4 : words.length)]);
            texts.add(sb.toString());
        }
        return texts;
    }

    @Test
    void adaptOrdersAndCapsTheVocabularyAsKeras() {
        List<String> texts = randomCorpus(new Random(3), 40);
        List<List<String>> docs = texts.stream().map(t -> List.of(t.trim().split("\\s+"))).toList();
        TextVectorization tv = new TextVectorization().maxTokens(8);
        tv.adapt(texts);
        List<String> expected = new ArrayList<>(List.of("", "[UNK]"));
        expected.addAll(referenceVocabulary(docs, 6));
        assertThat(tv.getVocabulary()).isEqualTo(expected);
        TextVectorization all = new TextVectorization().outputMode("count");
        all.adapt(texts);
        List<String> expectedAll = new ArrayList<>(List.of("[UNK]"));
        expectedAll.addAll(referenceVocabulary(docs, Integer.MAX_VALUE));
        assertThat(all.getVocabulary()).isEqualTo(expectedAll);
    }

    @Test
    void tfIdfLearnsKerasIdfWeights() {
        List<String> texts = randomCorpus(new Random(5), 25);
        List<List<String>> docs = texts.stream().map(t -> List.of(t.trim().split("\\s+"))).toList();
        TextVectorization tv = new TextVectorization().outputMode("tf_idf").maxTokens(7).padToMaxTokens(true);
        tv.adapt(texts);
        List<String> vocab = referenceVocabulary(docs, 6);
        assertThat(tv.getVocabulary().subList(1, tv.getVocabulary().size())).isEqualTo(vocab);
        // idf = log(1 + num_documents / (1 + document count)); OOV slot = their mean; padding to max_tokens = 0
        double[] idf = new double[7];
        double sum = 0;
        for (int i = 0; i < vocab.size(); i++) {
            String w = vocab.get(i);
            long df = docs.stream().filter(d -> d.contains(w)).count();
            idf[i + 1] = Math.log(1 + 25.0 / (1 + df));
            sum += idf[i + 1];
        }
        idf[0] = sum / vocab.size();
        float[] learned = tv.idfWeights();
        assertThat(learned).hasSize(7);
        for (int i = 0; i < 7; i++) assertThat((double) learned[i]).as("idf %d", i).isCloseTo(idf[i], within(1e-6));

        List<String> query = List.of("alpha alpha mu", "nothing known here", "");
        INDArray out = tv.call(query);
        assertThat(out.shape()).containsExactly(3, 7);
        for (int r = 0; r < query.size(); r++) {
            double[] expected = new double[7];
            for (String tok : query.get(r).isEmpty() ? new String[0] : query.get(r).split(" ")) {
                int j = vocab.indexOf(tok) + 1; // 0 (OOV) when unknown
                expected[j] += idf[j];
            }
            for (int j = 0; j < 7; j++) assertThat(out.getDouble(r, j)).as("[%d, %d]", r, j).isCloseTo(expected[j], within(1e-5));
        }
    }

    @Test
    void standardizeAndSplitAsTensorFlowOps() {
        TextVectorization tv = new TextVectorization().outputMode("multi_hot");
        tv.adapt(List.of("ÉCOLE école, Don't\tSTOP\u000Bnow"));
        // ASCII-only lower-casing (É stays), all ASCII punctuation stripped (the apostrophe too), ASCII whitespace splits
        assertThat(new HashSet<>(tv.getVocabulary(false))).containsExactlyInAnyOrder("École", "école", "dont", "stop", "now");

        TextVectorization lower = new TextVectorization().standardize("lower").split(null);
        lower.adapt(List.of("A, B", "a, b", "C"));
        assertThat(lower.getVocabulary()).containsExactly("", "[UNK]", "a, b", "c");
        assertThat(lower.apply(Nd4j.create("A, b", "x")).toLongMatrix()).isDeepEqualTo(new long[][]{{2}, {1}});

        TextVectorization strip = new TextVectorization().standardize("strip_punctuation").split("character");
        strip.adapt(List.of("Ab.b"));
        assertThat(strip.getVocabulary()).containsExactly("", "[UNK]", "b", "A");
        assertThat(strip.apply("bA?z").toLongVector()).containsExactly(2, 3, 1);

        TextVectorization none = new TextVectorization().standardize(null).split("character");
        none.adapt(List.of("a😀a"));
        assertThat(none.getVocabulary()).containsExactly("", "[UNK]", "a", "😀");

        TextVectorization custom = new TextVectorization().standardizeFunction(s -> s.replace("<br />", " ").toLowerCase())
                .splitFunction(s -> List.of(s.split(" +")));
        custom.adapt(List.of("Good<br />MOVIE"));
        assertThat(custom.getVocabulary(false)).containsExactlyInAnyOrder("good", "movie");
        assertThatThrownBy(custom::getConfig).hasMessageContaining("custom Java standardize function");
    }

    @Test
    void ngramsGroupedByWidth() {
        TextVectorization tv = new TextVectorization().ngrams(2).vocabulary(List.of("a", "b", "c", "a b", "b c"));
        // tf.strings.ngrams: all unigrams, then all bigrams
        assertThat(tv.apply("a b c").toLongVector()).containsExactly(2, 3, 4, 5, 6);
        TextVectorization only = new TextVectorization().ngrams(3, 1).vocabulary(List.of("x y z", "x"));
        assertThat(only.apply("x y z").toLongVector()).containsExactly(2, 3, 1, 1);
        assertThat(only.apply("x y").toLongVector()).containsExactly(3, 1);
        assertThat(only.getConfig().get("ngrams")).isEqualTo(List.of(3, 1));
    }

    @Test
    void intOutputPadsAndTruncatesAtTheEnd() {
        TextVectorization tv = new TextVectorization().vocabulary(List.of("a", "b"));
        INDArray ragged = tv.apply("a b a b a", "b", "");
        assertThat(ragged.toLongMatrix()).isDeepEqualTo(new long[][]{{2, 3, 2, 3, 2}, {3, 0, 0, 0, 0}, {0, 0, 0, 0, 0}});
        TextVectorization cut = new TextVectorization().vocabulary(List.of("a", "b")).outputSequenceLength(2);
        assertThat(cut.apply("b a b a", "q").toLongMatrix()).isDeepEqualTo(new long[][]{{3, 2}, {1, 0}});
    }

    @Test
    void shapesAndHarness() {
        LayerHarness.of(() -> new TextVectorization().outputSequenceLength(3).vocabulary(List.of("a", "b")))
                .inputs(Shape.of(1)).outputs(Shape.of(null, 3)).weights()
                .data(() -> new INDArray[]{column("a b", "c a b d")}).noTrainStep().run();
        LayerHarness.of(() -> new TextVectorization().outputMode("multi_hot").vocabulary(List.of("a", "b")))
                .inputs(Shape.of(1)).outputs(Shape.of(null, 3)).weights()
                .data(() -> new INDArray[]{column("a b", "c")}).noTrainStep().run();
        LayerHarness.of(() -> new TextVectorization().outputMode("tf_idf").maxTokens(6).padToMaxTokens(true).ngrams(1, 2)
                        .vocabulary(List.of("a", "b")).idfWeights(0.5, 1.5))
                .inputs(Shape.of(1)).outputs(Shape.of(null, 6)).weights()
                .data(() -> new INDArray[]{column("a b", "c")}).noTrainStep().run();
        assertThat(new TextVectorization().computeOutputShape(Shape.of(null, 1))).isEqualTo(Shape.of(null, null));
        TextVectorization tv = new TextVectorization().outputMode("count").maxTokens(10).padToMaxTokens(true);
        assertThat(tv.computeOutputShape(Shape.of((Integer) null))).isEqualTo(Shape.of(null, 10));
    }

    @Test
    void readsAKeras3Config() {
        // TextVectorization.get_config() of Keras 3 for the vocabulary docstring example
        String json = "{\"name\": \"text_vectorization\", \"trainable\": true, \"dtype\": {\"module\": \"keras\", "
                + "\"class_name\": \"DTypePolicy\", \"config\": {\"name\": \"float32\"}, \"registered_name\": null}, "
                + "\"max_tokens\": 5000, \"standardize\": \"lower_and_strip_punctuation\", \"split\": \"whitespace\", "
                + "\"ngrams\": null, \"output_mode\": \"int\", \"output_sequence_length\": 4, \"pad_to_max_tokens\": false, "
                + "\"sparse\": false, \"ragged\": false, \"vocabulary\": [\"earth\", \"wind\", \"and\", \"fire\"], "
                + "\"idf_weights\": null, \"encoding\": \"utf-8\", \"vocabulary_size\": 6}";
        Layer l = SavingRegistry.fromConfig("TextVectorization", Config.of(Json.read(json)));
        TextVectorization tv = (TextVectorization) l;
        assertThat(tv.name()).isEqualTo("text_vectorization");
        assertThat(tv.apply("fire and wind").toLongVector()).containsExactly(5, 4, 3, 0);
        // written back: the same keys, in Keras's order, with the same values
        assertThat(Json.write(tv.getConfig())).isEqualTo(Json.write(Json.read(json)));
        // tf.keras 2 spelled multi_hot "binary"
        String tf2 = "{\"name\": \"tv\", \"trainable\": true, \"dtype\": \"string\", \"max_tokens\": null, "
                + "\"standardize\": \"lower\", \"split\": \"whitespace\", \"ngrams\": [1, 2], \"output_mode\": \"binary\", "
                + "\"output_sequence_length\": null, \"pad_to_max_tokens\": false, \"vocabulary\": [\"a\", \"a b\"]}";
        TextVectorization old = TextVectorization.fromConfig(Config.of(Json.read(tf2)));
        assertThat(old.outputMode()).isEqualTo("multi_hot");
        assertThat(old.apply("a b").toFloatVector()).containsExactly(1, 1, 1);
    }

    @Test
    void adaptedLayerSurvivesItsConfig() {
        TextVectorization tv = new TextVectorization().outputMode("tf_idf");
        tv.adapt(List.of("the cat", "the dog", "a bird"));
        INDArray before = tv.apply("the bird and the cat");
        TextVectorization copy = TextVectorization.fromConfig(Config.of(Json.read(Json.write(tv.getConfig()))));
        assertThat(copy.getVocabulary()).isEqualTo(tv.getVocabulary());
        assertThat(copy.apply("the bird and the cat").toFloatVector()).containsExactly(before.toFloatVector());
    }

    @Test
    void settingErrorsAsKeras() {
        assertThatThrownBy(() -> new TextVectorization().standardize("upper")).hasMessage("Unknown value for `standardize` argument of "
                + "TextVectorization. Allowed values are: ('lower_and_strip_punctuation', 'lower', 'strip_punctuation'). Received: standardize=upper");
        assertThatThrownBy(() -> new TextVectorization().outputMode("one-hot")).hasMessageContaining("Received: output_mode=one-hot");
        assertThatThrownBy(() -> new TextVectorization().maxTokens(1)).hasMessage("If set, `max_tokens` must be greater than 1. Received: max_tokens=1");
        assertThatThrownBy(() -> new TextVectorization().outputMode("count").outputSequenceLength(3).vocabulary(List.of("a")).apply("a"))
                .hasMessage("`output_sequence_length` must not be set if `output_mode` is not 'int'. Received output_sequence_length=3.");
        assertThatThrownBy(() -> new TextVectorization().outputMode("count").padToMaxTokens(true).getVocabulary())
                .hasMessage("If pad_to_max_tokens is True, must set `max_tokens`. Received: max_tokens=None");
        assertThatThrownBy(() -> new TextVectorization().outputMode("tf_idf").vocabulary(List.of("a")).getVocabulary())
                .hasMessageContaining("the `idf_weights` argument must also be provided");
        assertThatThrownBy(() -> new TextVectorization().vocabulary(List.of("a")).idfWeights(1.0).getVocabulary())
                .hasMessageContaining("`idf_weights` should only be set if `output_mode` is `'tf_idf'`");
        assertThatThrownBy(() -> new TextVectorization().outputMode("tf_idf").vocabulary(List.of("a", "b")).idfWeights(1.0).getVocabulary())
                .hasMessage("`idf_weights` must be the same length as vocabulary. len(idf_weights) is 1; len(vocabulary) is 2");
        assertThatThrownBy(() -> new TextVectorization().vocabulary(List.of("a", "b", "a", "c", "b")).getVocabulary())
                .hasMessage("The passed vocabulary has at least one repeated term. Please uniquify your dataset. The repeated terms are: ['a', 'b']");
        assertThatThrownBy(() -> new TextVectorization().vocabulary(List.of("a", "")).getVocabulary())
                .hasMessageContaining("Found reserved mask token at unexpected location").hasMessageContaining("['', '[UNK]']");
        assertThatThrownBy(() -> new TextVectorization().maxTokens(3).vocabulary(List.of("a", "b")).getVocabulary())
                .hasMessage("Attempted to set a vocabulary larger than the maximum vocab size. Received vocabulary size is 4; `max_tokens` is 3.");
        assertThatThrownBy(() -> new TextVectorization().vocabulary(List.of()).getVocabulary())
                .hasMessage("Cannot set an empty vocabulary. Received: vocabulary=[]");
    }

    @Test
    void stateErrorsAsKeras() {
        TextVectorization fixed = new TextVectorization().vocabulary(List.of("a")).name("tv");
        assertThatThrownBy(() -> fixed.adapt(List.of("b"))).hasMessage("Cannot adapt layer 'tv' after setting a static vocabulary via "
                + "`vocabulary` argument or `set_vocabulary()` method.");
        assertThatThrownBy(() -> new TextVectorization().outputMode("multi_hot").apply("a"))
                .hasMessageStartingWith("When using `output_mode=multi_hot` and `pad_to_max_tokens=False`, you must set the layer's vocabulary");
        TextVectorization mh = new TextVectorization().outputMode("multi_hot");
        mh.adapt(List.of("a b"));
        assertThatThrownBy(() -> mh.adapt(List.of("a b c")))
                .hasMessageContaining("the vocabulary size cannot be changed after the layer is called. Old vocab size is 3, new vocab size is 4");
        mh.adapt(List.of("x y")); // same size: allowed
        assertThat(mh.getVocabulary()).containsExactly("[UNK]", "y", "x");
        assertThatThrownBy(() -> mh.maxTokens(10)).hasMessageContaining("after it is built");
        TextVectorization tv = new TextVectorization().vocabulary(List.of("a")).name("tv2");
        assertThatThrownBy(() -> tv.apply(Nd4j.ones(2, 1))).hasMessageContaining("Layer \"tv2\"").hasMessageContaining("UTF8");
        assertThatThrownBy(() -> tv.apply(Nd4j.create(List.of("a", "b", "c", "d"), 2, 2)))
                .hasMessageContaining("the input rank must be 1 or the last shape dimension must be 1. Received: inputs.shape=(2, 2) with rank=2");
        // set_vocabulary after an adapt replaces it (int mode: any size)
        TextVectorization re = new TextVectorization();
        re.adapt(List.of("q r s"));
        re.setVocabulary(List.of("", "[UNK]", "k"));
        assertThat(re.getVocabulary()).containsExactly("", "[UNK]", "k");
    }

    @Test
    void preprocessesTextForAModel() {
        Keras.setRandomSeed(1);
        List<String> texts = new ArrayList<>();
        float[] labels = new float[80];
        Random r = new Random(11);
        String[] good = {"great", "fine", "lovely", "superb"}, bad = {"awful", "poor", "boring", "bad"}, filler = {"the", "movie", "was", "plot"};
        for (int i = 0; i < 80; i++) {
            boolean pos = i % 2 == 0;
            labels[i] = pos ? 1 : 0;
            String[] mood = pos ? good : bad;
            texts.add(filler[r.nextInt(4)] + " " + mood[r.nextInt(4)] + " " + filler[r.nextInt(4)] + "!");
        }
        TextVectorization tv = new TextVectorization().outputMode("multi_hot");
        tv.adapt(texts);
        INDArray x = tv.call(texts);
        assertThat(x.shape()).containsExactly(80, 13);
        io.jkeras.models.Sequential model = new io.jkeras.models.Sequential(new Dense(1).activation("sigmoid").inputShape(13));
        model.compile(new io.jkeras.optimizers.Adam(0.1), "binary_crossentropy", "accuracy");
        model.fit(x, Nd4j.createFromArray(labels).reshape(80, 1), io.jkeras.training.FitOptions.epochs(20).batchSize(16).verbose(0));
        INDArray p = model.predict(tv.call(List.of("the plot was superb", "an awful movie")));
        assertThat(p.getDouble(0, 0)).isGreaterThan(0.8);
        assertThat(p.getDouble(1, 0)).isLessThan(0.2);
    }

    @Test
    void insideAFunctionalModelOnRawStrings() {
        Keras.setRandomSeed(2);
        TextVectorization tv = new TextVectorization().outputMode("multi_hot").name("vectorize");
        tv.adapt(List.of("good film", "bad film", "good plot", "bad plot"));
        io.jkeras.KerasTensor in = io.jkeras.Input.create(Shape.of(null, 1), "text", "string");
        io.jkeras.KerasTensor x = tv.apply(in);
        assertThat(x.shape()).isEqualTo(Shape.of(null, 5));
        io.jkeras.models.Model model = new io.jkeras.models.Model(List.of(in), List.of(new Dense(1).activation("sigmoid").apply(x)));
        model.compile(new io.jkeras.optimizers.Adam(0.1), "binary_crossentropy");
        INDArray texts = column("good film", "bad film", "good plot", "bad plot", "good", "bad");
        INDArray y = Nd4j.createFromArray(1f, 0f, 1f, 0f, 1f, 0f).reshape(6, 1);
        // shuffled batches of strings, gathered row by row
        model.fit(texts, y, io.jkeras.training.FitOptions.epochs(30).batchSize(4).verbose(0));
        INDArray p = model.predict(column("a good one", "a bad one"));
        assertThat(p.getDouble(0, 0)).isGreaterThan(0.8);
        assertThat(p.getDouble(1, 0)).isLessThan(0.2);
        // the model's JSON carries the string input and the vectorizer with its vocabulary
        io.jkeras.models.Model copy = io.jkeras.models.Models.modelFromJson(model.toJson());
        copy.setWeights(model.getWeights());
        assertThat(copy.predict(column("a good one", "a bad one")).toFloatVector()).containsExactly(p.toFloatVector());
    }

    @Test
    void savedInAKerasArchive(@org.junit.jupiter.api.io.TempDir java.nio.file.Path dir) throws Exception {
        TextVectorization tv = new TextVectorization().outputMode("tf_idf").maxTokens(6).padToMaxTokens(true);
        tv.adapt(List.of("red fish", "blue fish", "one fish two fish"));
        io.jkeras.KerasTensor in = io.jkeras.Input.create(Shape.of(null, 1), "text", "string");
        io.jkeras.models.Model model = new io.jkeras.models.Model(List.of(in), List.of(new Dense(2).apply(tv.apply(in))));
        INDArray texts = column("red fish", "two blue", "green");
        INDArray before = model.predict(texts);
        String file = dir.resolve("text.keras").toString();
        model.save(file);
        io.jkeras.models.Model loaded = io.jkeras.models.Models.loadModel(file);
        assertThat(loaded.predict(texts).toFloatMatrix()).isDeepEqualTo(before.toFloatMatrix());
        TextVectorization restored = (TextVectorization) loaded.getLayer(tv.name());
        assertThat(restored.getVocabulary()).isEqualTo(tv.getVocabulary());
        assertThat(restored.idfWeights()).containsExactly(tv.idfWeights());
    }
}
