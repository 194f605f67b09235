"""Writes keras_text_fixtures.json: what Keras's own Tokenizer and pad_sequences return on small inputs.

Origin: Keras's keras_preprocessing 1.1.0 (Debian's python3-keras-preprocessing, the package that
keras.preprocessing.text / .sequence re-exported in Keras 2; Keras 3's keras/src/legacy/preprocessing/text.py
and keras/src/utils/sequence_utils.py hold the same algorithms), with NumPy 1.24.

Run:  PYTHONHASHSEED=0 /usr/bin/python3 make_keras_text_fixtures.py > keras_text_fixtures.json

word_docs and index_docs come out in the order of a Python set, which depends on the hash seed; a test
compares them as maps, and everything else byte for byte.
"""
import json
import sys

import numpy as np
from keras_preprocessing.sequence import pad_sequences
from keras_preprocessing.text import Tokenizer, tokenizer_from_json

CORPUS = [
    "The cat sat on the mat.",
    "The dog ate my homework!",
    "Don't panic: the cat is fine\tand the dog\nis fine too.",
    "Caf\u00e9 CAF\u00c9 caf\u00e9 na\u00efve \U0001F600 emoji",
    "",
    "a-b c_d e/f [g] {h} 'quoted' \"double\"",
]
QUERIES = [
    "the cat and the unicorn",
    "caf\u00e9 \U0001F600 dog dog dog",
    "",
    "mat mat sat",
]

TOKENIZERS = {
    "default": {},
    "oov": {"oov_token": "<OOV>"},
    "num_words": {"num_words": 5},
    "num_words_oov": {"num_words": 6, "oov_token": "<unk>"},
    "char_level": {"char_level": True},
    "no_lower_custom_split": {"lower": False, "split": "|", "filters": ".!"},
}

out = {"corpus": CORPUS, "queries": QUERIES, "tokenizers": {}, "pad_sequences": []}
for name, kwargs in TOKENIZERS.items():
    t = Tokenizer(**kwargs)
    texts = CORPUS if name != "no_lower_custom_split" else [s.replace(" ", "|") for s in CORPUS]
    t.fit_on_texts(texts)
    seqs = t.texts_to_sequences(QUERIES)
    case = {
        "kwargs": kwargs,
        "fit_texts": texts,
        "to_json": t.to_json(),
        "word_index": t.word_index,
        "texts_to_sequences": seqs,
        "sequences_to_texts": t.sequences_to_texts(seqs + [[1, 2, 3, 999]]),
        "matrix": {m: t.texts_to_matrix(QUERIES, mode=m).tolist() for m in ("binary", "count", "freq", "tfidf")},
    }
    # a round trip through Keras's own reader
    assert tokenizer_from_json(case["to_json"]).texts_to_sequences(QUERIES) == seqs
    out["tokenizers"][name] = case

# fit_on_sequences then sequences_to_matrix(tfidf) with num_words
t = Tokenizer(num_words=6)
t.fit_on_sequences([[1, 2, 2, 3], [3, 4], [5, 5, 5, 1]])
out["fit_on_sequences"] = {
    "sequences": [[1, 2, 2, 3], [3, 4], [5, 5, 5, 1]],
    "matrix_tfidf": t.sequences_to_matrix([[1, 2, 2, 3], [5, 9], []], mode="tfidf").tolist(),
    "document_count": t.document_count,
}

SEQS = [[1], [2, 3], [4, 5, 6], [], [7, 8, 9, 10, 11]]
for kw in (
    {},
    {"maxlen": 3},
    {"maxlen": 3, "padding": "post"},
    {"maxlen": 3, "truncating": "post"},
    {"maxlen": 4, "padding": "post", "truncating": "post", "value": -1},
    {"maxlen": 6, "value": 9.7},
    {"dtype": "float32", "value": 0.5},
    {"dtype": "int64", "maxlen": 2},
):
    x = pad_sequences(SEQS, **kw)
    out["pad_sequences"].append({"kwargs": kw, "sequences": SEQS, "dtype": str(x.dtype), "output": x.tolist()})
x = pad_sequences([[1.7, -2.7, 3.2]], dtype="int32")
out["pad_sequences"].append({"kwargs": {}, "sequences": [[1.7, -2.7, 3.2]], "dtype": str(x.dtype), "output": x.tolist()})

json.dump(out, sys.stdout, indent=1, ensure_ascii=True)
sys.stdout.write("\n")
