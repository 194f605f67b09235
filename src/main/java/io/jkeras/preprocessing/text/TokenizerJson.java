package io.jkeras.preprocessing.text;

import io.jkeras.saving.Json;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The JSON form of a {@link Tokenizer}, as Keras's {@code Tokenizer.to_json()} writes and
 * {@code tokenizer_from_json} reads it:
 *
 * <pre>{@code
 * {"class_name": "Tokenizer", "config": {"num_words": null, "filters": "...", "lower": true, "split": " ",
 *  "char_level": false, "oov_token": null, "document_count": 2, "word_counts": "{\"the\": 3, ...}",
 *  "word_docs": "{...}", "index_docs": "{\"1\": 2, ...}", "index_word": "{\"1\": \"the\", ...}",
 *  "word_index": "{\"the\": 1, ...}"}}
 * }</pre>
 *
 * The five dictionaries are JSON documents stored as strings (Keras calls {@code json.dumps} on each, then on
 * the whole), and integer keys are written as strings; the reader turns the keys of {@code index_docs} and
 * {@code index_word} back into integers, as Keras does.
 */
final class TokenizerJson {
    private static final List<String> KWARGS = List.of("num_words", "filters", "lower", "split", "char_level",
            "oov_token", "document_count", "nb_words");

    private TokenizerJson() {
    }

    static Map<String, Object> config(Tokenizer t) {
        Map<String, Object> c = new LinkedHashMap<>();
        c.put("num_words", t.numWords());
        c.put("filters", t.filters());
        c.put("lower", t.lower());
        c.put("split", t.split());
        c.put("char_level", t.charLevel());
        c.put("oov_token", t.oovToken());
        c.put("document_count", t.documentCount());
        c.put("word_counts", PythonJson.dumps(t.wordCounts));
        c.put("word_docs", PythonJson.dumps(t.wordDocs));
        c.put("index_docs", PythonJson.dumps(t.indexDocs));
        c.put("index_word", PythonJson.dumps(t.indexWord));
        c.put("word_index", PythonJson.dumps(t.wordIndex));
        return c;
    }

    static String write(Tokenizer t) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("class_name", "Tokenizer");
        m.put("config", config(t));
        return PythonJson.dumps(m);
    }

    @SuppressWarnings("unchecked")
    static Tokenizer read(String json) {
        Map<String, Object> root = Json.read(json);
        if (!(root.get("config") instanceof Map)) {
            throw new IllegalArgumentException("Not a Tokenizer JSON: expected an object with a \"config\" object, "
                    + "as written by tokenizer.to_json(). Received keys: " + root.keySet());
        }
        Map<String, Object> config = new LinkedHashMap<>((Map<String, Object>) root.get("config"));
        Map<String, Object> wordCounts = inner(config, "word_counts");
        Map<String, Object> wordDocs = inner(config, "word_docs");
        Map<String, Object> indexDocs = inner(config, "index_docs");
        Map<String, Object> indexWord = inner(config, "index_word");
        Map<String, Object> wordIndex = inner(config, "word_index");

        List<String> unknown = new ArrayList<>();
        for (String k : config.keySet()) if (!KWARGS.contains(k)) unknown.add(k);
        if (!unknown.isEmpty()) throw new IllegalArgumentException("Unrecognized keyword arguments: " + unknown);

        Tokenizer t = new Tokenizer();
        Object n = config.containsKey("num_words") ? config.get("num_words") : config.get("nb_words");
        t.numWords(n == null ? null : ((Number) n).intValue());
        if (config.containsKey("filters")) t.filters((String) config.get("filters"));
        if (config.containsKey("lower")) t.lower((Boolean) config.get("lower"));
        if (config.containsKey("split")) t.split((String) config.get("split"));
        if (config.containsKey("char_level")) t.charLevel((Boolean) config.get("char_level"));
        t.oovToken((String) config.get("oov_token"));
        Object dc = config.get("document_count");
        t.documentCount(dc == null ? 0 : ((Number) dc).intValue());

        wordCounts.forEach((k, v) -> t.wordCounts.put(k, number(v)));
        wordDocs.forEach((k, v) -> t.wordDocs.put(k, number(v)));
        indexDocs.forEach((k, v) -> t.indexDocs.put(integerKey(k, "index_docs"), number(v)));
        indexWord.forEach((k, v) -> t.indexWord.put(integerKey(k, "index_word"), (String) v));
        wordIndex.forEach((k, v) -> t.wordIndex.put(k, number(v)));
        return t;
    }

    /** Removes {@code key} from the config and parses its value, a JSON object written into a string. */
    private static Map<String, Object> inner(Map<String, Object> config, String key) {
        Object v = config.remove(key);
        if (!(v instanceof String s)) {
            throw new IllegalArgumentException("Not a Tokenizer JSON: \"" + key + "\" must be a JSON object in a string, "
                    + "as tokenizer.to_json() writes it. Received: " + v);
        }
        return Json.read(s);
    }

    private static int number(Object v) {
        return ((Number) v).intValue();
    }

    private static int integerKey(String k, String dict) {
        try {
            return Integer.parseInt(k.trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("invalid literal for int() with base 10: '" + k + "' (a key of " + dict + ")", e);
        }
    }
}
