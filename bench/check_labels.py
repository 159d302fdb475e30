#!/usr/bin/env python3
"""Checks the hand labels of eval/wikinews against the story texts.

    bench/check_labels.py [--corpus ../shared/corpus/wikinews]
                          [--labels eval/wikinews] [--canonicals]

For every label file of `tune/` and `test/` (format: eval/wikinews/README.md):

- it parses as TOML and has exactly the keys `people`, `places` and
  `organizations`, each a list of non-empty `"Canonical | alias | ..."`
  strings;
- it sits in the right half (the story's index among the corpus's `.txt`
  files in sorted order: even → tune, odd → test) and its story exists;
- every alias (each form after the canonical) occurs in the story as a whole
  word or phrase, compared after NFKC, straight quotes and one kind of dash;
  a form that occurs only in another letter case is reported as a warning;
- no form (normalised as the scorer does) belongs to two entities of one
  story, in one class or across classes, and no entity lists a form twice.

The canonical may be a conventional full name that is not in the text
(guidelines rule 6), so it is not required to occur; `--canonicals` lists
the canonicals that do not occur, for a look by hand.

Exits 1 if there is an error (warnings alone do not fail). Python 3.11 or
newer, standard library only. Needs the story texts, which are not in the
repository.
"""
import argparse
import os
import re
import sys
import tomllib
import unicodedata

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from eval_entities import CLASSES, HALVES, find_dir, normalize, parse_label  # noqa: E402

_QUOTES = str.maketrans({"\u2018": "'", "\u2019": "'", "\u02bc": "'", "\u201c": '"', "\u201d": '"'})
_DASHES = re.compile("[\u2010\u2011\u2012\u2013\u2014\u2015\u2212]")
_SPACE = re.compile(r"\s+")


def surface(text):
    """Text in the form forms are searched in: NFKC, straight quotes, one
    dash, collapsed whitespace; letter case kept."""
    s = unicodedata.normalize("NFKC", text).translate(_QUOTES)
    return _SPACE.sub(" ", _DASHES.sub("-", s))


def occurs(form, text, flags=0):
    """Whether `form` occurs in `text` not glued to a letter or digit."""
    pattern = r"(?<![\w])" + re.escape(surface(form).strip()) + r"(?![\w])"
    return re.search(pattern, text, flags) is not None


def check_file(path, text, report):
    try:
        with open(path, "rb") as f:
            data = tomllib.load(f)
    except tomllib.TOMLDecodeError as e:
        report("error", f"does not parse: {e}")
        return
    if set(data) != set(CLASSES):
        report("error", f"keys {sorted(data)}, expected {list(CLASSES)}")
    seen = {}  # normalised form -> (class, canonical)
    body = surface(text)
    for cls in CLASSES:
        entries = data.get(cls, [])
        if not isinstance(entries, list):
            report("error", f"{cls} is not a list")
            continue
        for entry in entries:
            if not isinstance(entry, str) or not parse_label(entry):
                report("error", f"{cls}: bad entry {entry!r}")
                continue
            forms = parse_label(entry)
            canonical = forms[0]
            own = set()
            for i, form in enumerate(forms):
                key = normalize(form)
                if key in own:
                    report("error", f"{cls}: {canonical!r} lists {form!r} twice")
                    continue
                own.add(key)
                if key in seen:
                    other_cls, other = seen[key]
                    report("error", f"{form!r} is a form of {other!r} ({other_cls}) and of {canonical!r} ({cls})")
                else:
                    seen[key] = (cls, canonical)
                if occurs(form, body):
                    continue
                if occurs(form, body, re.IGNORECASE):
                    if i > 0:
                        report("warning", f"{cls}: alias {form!r} of {canonical!r} occurs only in another letter case")
                elif i > 0:
                    report("error", f"{cls}: alias {form!r} of {canonical!r} does not occur in the story")
                else:
                    report("canonical", f"{cls}: canonical {canonical!r} does not occur in the story")


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--corpus", help="the story texts (default: ../shared/corpus/wikinews, looked up as eval_entities.py does)")
    ap.add_argument("--labels", help="the label folder (default: eval/wikinews)")
    ap.add_argument("--canonicals", action="store_true", help="also list canonicals that do not occur")
    args = ap.parse_args()
    args.corpus = find_dir(args.corpus, "../shared/corpus/wikinews", "corpus")
    args.labels = find_dir(args.labels, "eval/wikinews", "labels")

    stories = sorted(f for f in os.listdir(args.corpus) if f.endswith(".txt"))
    half_of = {name[:-4]: HALVES[i % 2] for i, name in enumerate(stories)}
    counts = {"error": 0, "warning": 0, "canonical": 0}
    files = 0
    for half in HALVES:
        folder = os.path.join(args.labels, half)
        for name in sorted(os.listdir(folder)):
            if not name.endswith(".toml"):
                continue
            files += 1
            stem = name[:-5]

            def report(kind, message, where=f"{half}/{name}"):
                counts[kind] += 1
                if kind != "canonical" or args.canonicals:
                    print(f"{kind}: {where}: {message}")

            if stem not in half_of:
                report("error", "no story of that name in the corpus")
                continue
            if half_of[stem] != half:
                report("error", f"belongs in {half_of[stem]}/")
            with open(os.path.join(args.corpus, stem + ".txt"), encoding="utf-8") as f:
                text = f.read()
            check_file(os.path.join(folder, name), text, report)
    print(
        f"{files} label files: {counts['error']} errors, {counts['warning']} warnings, "
        f"{counts['canonical']} canonicals not in their story"
    )
    return 1 if counts["error"] else 0


if __name__ == "__main__":
    sys.exit(main())
