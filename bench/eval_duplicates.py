#!/usr/bin/env python3
"""Measures duplicate folding on real stories: does briefing fold the
versions of one story, and only them?

    cargo build --release
    bench/eval_duplicates.py [--binary target/release/briefing]
                             [--corpus ../shared/corpus/wikinews]
                             [--threshold 0.5] [--json]

Builds two sites from the corpus's stories (plain text, one paragraph per
line) with `SOURCE_DATE_EPOCH` fixed and reads `digest.json`:

1. the stories as they are. The corpus has no story filed twice, so every
   fold is a false one; the 120 Wikinews stories include several on one
   topic (the same outbreak, election or disaster), which must stay apart.
2. each story with versions made from it, deterministically (a seeded
   random generator): an exact copy of every fifth story, a retitled copy
   (a headline line added) of every fifth, and a lightly edited copy of the
   rest (about one word in twenty replaced, a sentence dropped when there
   are more than four). Every pair (original, version) should fold; no
   two originals should.

Pairs are counted over the versions listed in `articles[].versions`: a
found pair is two sources listed in one entry. Prints precision and
recall of the pairs found, and the folds of the first site. Python 3
standard library only.
"""
import argparse
import itertools
import json
import os
import random
import shutil
import subprocess
import sys
import tempfile

EPOCH = "1752300000"


def stories(corpus):
    names = sorted(n for n in os.listdir(corpus) if n.endswith(".txt"))
    out = []
    for name in names:
        with open(os.path.join(corpus, name), encoding="utf-8") as f:
            paragraphs = [line.strip() for line in f if line.strip()]
        out.append((name, paragraphs))
    return out


def edit(paragraphs, rng):
    """About one word in twenty replaced; a middle paragraph dropped when
    there are more than four."""
    paragraphs = list(paragraphs)
    if len(paragraphs) > 4:
        del paragraphs[len(paragraphs) // 2]
    edited = []
    for p in paragraphs:
        words = p.split(" ")
        for i in range(len(words)):
            if rng.random() < 0.05:
                words[i] = rng.choice(["reportedly", "also", "on Monday", "officials", "nearly"])
        edited.append(" ".join(words))
    return edited


def write_site(root, files, threshold):
    os.makedirs(os.path.join(root, "seeds"))
    with open(os.path.join(root, "site.toml"), "w", encoding="utf-8") as f:
        f.write('title = "Eval"\nbase_url = "https://example.org/"\n')
        f.write(f"[duplicates]\nthreshold = {threshold}\n")
    for name, text in files:
        with open(os.path.join(root, "seeds", name), "w", encoding="utf-8") as f:
            f.write(text)


def build(binary, root):
    env = dict(os.environ, SOURCE_DATE_EPOCH=EPOCH)
    run = subprocess.run([binary, "build", "--quiet", "--root", root],
                         capture_output=True, text=True, env=env)
    if run.returncode != 0:
        sys.exit(f"build failed:\n{run.stderr}")
    with open(os.path.join(root, "public", "digest.json"), encoding="utf-8") as f:
        return json.load(f)


def found_pairs(digest):
    pairs = set()
    for article in digest["articles"]:
        for a, b in itertools.combinations(sorted(article["versions"]), 2):
            pairs.add((a, b))
    return pairs


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--binary", default="target/release/briefing")
    parser.add_argument("--corpus", default="../shared/corpus/wikinews")
    parser.add_argument("--threshold", type=float, default=0.5)
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args()
    binary = os.path.abspath(args.binary)
    corpus = stories(args.corpus)
    rng = random.Random(12)
    tmp = tempfile.mkdtemp(prefix="eval-duplicates-")
    try:
        plain = [(n, "\n".join(p) + "\n") for n, p in corpus]
        write_site(os.path.join(tmp, "plain"), plain, args.threshold)
        false_folds = sorted(found_pairs(build(binary, os.path.join(tmp, "plain"))))

        files, truth, kinds = list(plain), set(), {}
        for i, (name, paragraphs) in enumerate(corpus):
            stem = name[:-4]
            if i % 5 == 0:
                kind, text = "exact", "\n".join(paragraphs) + "\n"
            elif i % 5 == 1:
                kind, text = "retitled", "A new headline for this story\n\n" + "\n\n".join(paragraphs) + "\n"
            else:
                kind, text = "edited", "\n".join(edit(paragraphs, rng)) + "\n"
            version = f"{stem}_v.txt"
            files.append((version, text))
            pair = tuple(sorted((f"seeds/{name}", f"seeds/{version}")))
            truth.add(pair)
            kinds[pair] = kind
        write_site(os.path.join(tmp, "versions"), files, args.threshold)
        found = found_pairs(build(binary, os.path.join(tmp, "versions")))
    finally:
        shutil.rmtree(tmp)

    hits = found & truth
    precision = len(hits) / len(found) if found else 1.0
    recall = len(hits) / len(truth)
    missed = sorted(truth - found)
    by_kind = {k: [sum(1 for p in truth if kinds[p] == k), sum(1 for p in hits if kinds[p] == k)]
               for k in ("exact", "retitled", "edited")}
    result = {
        "stories": len(corpus),
        "threshold": args.threshold,
        "false_folds_among_originals": false_folds,
        "pairs_expected": len(truth),
        "pairs_found": len(found),
        "precision": round(precision, 4),
        "recall": round(recall, 4),
        "recall_by_kind": {k: f"{h}/{n}" for k, (n, h) in by_kind.items()},
        "missed": missed,
        "wrong": sorted(found - truth),
    }
    if args.json:
        print(json.dumps(result, indent=1))
        return
    print(f"{len(corpus)} stories, threshold {args.threshold}")
    print(f"folds among the originals (all false): {len(false_folds)} {false_folds}")
    print(f"with versions: {len(found)} pairs found, {len(truth)} expected")
    print(f"precision {precision:.3f}  recall {recall:.3f}  by kind {result['recall_by_kind']}")
    for pair in missed:
        print(f"  missed ({kinds[pair]}): {pair[0]} {pair[1]}")
    for pair in sorted(found - truth):
        print(f"  wrong: {pair[0]} {pair[1]}")


if __name__ == "__main__":
    main()
