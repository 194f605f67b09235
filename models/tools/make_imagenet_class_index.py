#!/usr/bin/env python3
"""Rebuilds models/imagenet_class_index.json (Keras's {"0": ["n01440764", "tench"], ...}) from two packages
that this build machine can reach, since Keras's own copy (download.tensorflow.org) cannot be downloaded here:

  * the 1,000 ILSVRC-2012 class names in index order, from the npm package @tensorflow-models/mobilenet 2.1.1
    (dist/imagenet_classes.js, Apache-2.0): `npm pack @tensorflow-models/mobilenet`;
  * WordNet 3.0 (Debian package wordnet-base, WordNet 3.0 licence): an ImageNet id "n01440764" is "n" + the
    noun synset offset in data.noun, and Keras's label is that synset's first lemma ("great_white_shark").

Each class name is a synset's full lemma list ("tench, Tinca tinca"); the ILSVRC classes are numbered in wnid
order, which settles most homonyms ("crane" the bird vs the machine). The 42 synsets whose lemma lists are
identical homonyms within that order were chosen by their WordNet gloss; three such first guesses (443 bib,
471 cannon, 501 cloak) were corrected after comparison with a public copy of Keras's file. The result's md5 is
c2c37ea517e94d9795004a39431a14cb, the file_hash Keras's imagenet_utils.py publishes: byte for byte Keras's file.

Usage: make_imagenet_class_index.py IMAGENET_CLASSES_JSON DATA_NOUN > imagenet_class_index.json
  IMAGENET_CLASSES_JSON: the npm list as a JSON array, e.g.
    node -e 'const c=require("./package/dist/imagenet_classes.js").IMAGENET_CLASSES;
             console.log(JSON.stringify([...Array(1000).keys()].map(i => c[i])))'
  DATA_NOUN: /usr/share/wordnet/data.noun (apt-get install wordnet-base)
"""
import collections
import json
import sys

# Homonyms: class index -> WordNet offset, where several synsets share the lemma list within the wnid order.
HOMONYMS = {
    102: '01872401', 107: '01910747', 398: '02666196', 411: '02730930', 417: '02782093', 431: '02804414',
    438: '02815834', 443: '02834397', 456: '02879718', 471: '02950826', 488: '02999410', 501: '03045698',
    544: '03259280', 549: '03291819', 586: '03478589', 587: '03481172', 594: '03495258', 597: '03527444',
    624: '03661043', 643: '03724870', 664: '03782006', 698: '03877845', 718: '03933933', 727: '03956157',
    733: '03976657', 745: '04009552', 753: '04040759', 758: '04067472', 766: '04111531', 771: '04125021',
    780: '04147183', 783: '04153751', 792: '04208210', 813: '04270147', 815: '04275548', 816: '04277352',
    830: '04336792', 866: '04465501', 902: '04579432', 910: '04597913', 982: '10148035', 987: '12144580',
}


def main(names_file, data_noun):
    names = json.load(open(names_file))
    lemmas, by_key = {}, collections.defaultdict(list)
    for line in open(data_noun, encoding='latin-1'):
        if line.startswith('  '):
            continue  # licence header
        p = line.split(' ')
        offset, n = p[0], int(p[3], 16)
        lemmas[offset] = [p[4 + 2 * i] for i in range(n)]
        by_key[tuple(w.lower() for w in lemmas[offset])].append(offset)
    chosen = {}
    for i, s in enumerate(names):
        c = by_key.get(tuple(w.strip().replace(' ', '_').lower() for w in s.split(', ')), [])
        if len(c) == 1:
            chosen[i] = c[0]
    for i in range(len(names)):
        if i in HOMONYMS:
            chosen[i] = HOMONYMS[i]
        elif i not in chosen:
            # the synset with this lemma list between its neighbours ("kite" the bird, not the toy); else, for a
            # spelling the npm list changed ("jelly fish"), the one there with that word
            lo = max(v for k, v in chosen.items() if k < i)
            hi = min(v for k, v in chosen.items() if k > i)
            key = tuple(w.strip().replace(' ', '_').lower() for w in names[i].split(', '))
            c = [o for o in by_key.get(key, []) if lo < o < hi]
            if len(c) != 1:
                word = key[0].replace('_', '')
                c = [o for o, ls in lemmas.items() if lo < o < hi and any(w.replace('_', '').lower() == word for w in ls)]
            assert len(c) == 1, (i, names[i], c)
            chosen[i] = c[0]
    offsets = [chosen[i] for i in range(1000)]
    assert offsets == sorted(offsets) and len(set(offsets)) == 1000, 'ILSVRC classes are in wnid order'
    json.dump({str(i): ['n' + offsets[i], lemmas[offsets[i]][0]] for i in range(1000)}, sys.stdout)


if __name__ == '__main__':
    main(sys.argv[1], sys.argv[2])
