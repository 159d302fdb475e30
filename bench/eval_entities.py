#!/usr/bin/env python3
"""Scores briefing's entities and derived headlines on the Wikinews stories.

    cargo build --release
    bench/eval_entities.py [--binary target/release/briefing]
                           [--corpus ../shared/corpus/wikinews]
                           [--labels eval/wikinews]
                           [--errors] [--half tune|test|both] [--json]

Copies every `.txt` story of the corpus (not only the labelled ones: the
briefing layer reads the whole corpus, so the other stories change the
result) into a temporary site with a minimal `site.toml`, builds it with the
given binary and `SOURCE_DATE_EPOCH` fixed, and reads `digest.json`.

Entities are scored against the hand labels of `eval/wikinews/{tune,test}/`
(see `eval/wikinews/README.md`) by the rules of ENTITY-GUIDELINES "Scoring":
per story and per class, names are normalised (NFKC, case-folded, straight
quotes, one kind of dash, whitespace collapsed, trailing `.,;:` and a leading
"the " dropped); a prediction matches a label by its name or, when its name
matches no label of its class, by one of its aliases; each label is matched
once, so a second prediction of the same entity is a false positive; a right
name in the wrong class is a false positive there and a miss in its own
class. Precision, recall and F1 are printed per class and micro-averaged,
for the tune half and the test half separately.

`--errors` lists each story's false positives and misses, for the tune half
only unless `--half test` (or `both`) is given: the test half is for
measuring, not for tuning.

The headline report compares each story's derived title (`title` in
digest.json) with the real headline in the corpus's SOURCES.tsv, over all
stories and per half (sorted index even = tune, odd = test): mean and
maximum length in characters, the share at most 90 characters long, and the
mean ROUGE-1 F1 (unigram overlap of lower-cased word tokens).

`--json` prints the same numbers as one JSON object. Python 3 standard
library only (3.11 or newer, for tomllib).
"""
import argparse
import collections
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
import tomllib
import unicodedata

REPO = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
CLASSES = ("people", "places", "organizations")
CLASS_NAMES = {"people": "person", "places": "place", "organizations": "organisation"}
HALVES = ("tune", "test")
SOURCE_DATE_EPOCH = "1577836800"  # 2020-01-01T00:00:00Z: one fixed edition
HEADLINE_LIMIT = 90

SITE_TOML = """title = "Wikinews evaluation"
base_url = "https://example.org/eval/"
"""

# ---------------------------------------------------------------- scoring

_QUOTES = str.maketrans(
    {
        "\u2018": "'",
        "\u2019": "'",
        "\u201a": "'",
        "\u201b": "'",
        "\u2032": "'",
        "\u02bc": "'",
        "`": "'",
        "\u00b4": "'",
        "\u201c": '"',
        "\u201d": '"',
        "\u201e": '"',
        "\u201f": '"',
        "\u2033": '"',
        "\u00ab": '"',
        "\u00bb": '"',
    }
)
# Hyphen, non-breaking hyphen, figure dash, en dash, em dash, horizontal bar,
# minus sign, small and full-width hyphen-minus: all become "-".
_DASHES = re.compile("[\u2010\u2011\u2012\u2013\u2014\u2015\u2212\ufe58\ufe63\uff0d]")
_SPACE = re.compile(r"\s+")


def normalize(name):
    """The form two names are compared in (ENTITY-GUIDELINES "Scoring")."""
    s = unicodedata.normalize("NFKC", name).casefold()
    s = s.translate(_QUOTES)
    s = _DASHES.sub("-", s)
    s = _SPACE.sub(" ", s).strip()
    s = s.rstrip(".,;:").rstrip()
    if s.startswith("the "):
        s = s[4:].lstrip()
    return s


def parse_label(entry):
    """`"Canonical | alias | alias"` → the list of its forms, canonical first."""
    return [part.strip() for part in entry.split("|") if part.strip()]


class Prediction:
    """One entity of one class in one article of digest.json."""

    __slots__ = ("name", "aliases")

    def __init__(self, name, aliases=()):
        self.name = name
        self.aliases = list(aliases)

    def __repr__(self):
        return f"Prediction({self.name!r}, {self.aliases!r})"


class ClassScore:
    """The outcome of matching one class of one story."""

    def __init__(self):
        self.matches = []  # (prediction, label forms, "name" | "alias")
        self.false_positives = []  # (prediction, why)
        self.misses = []  # label forms

    @property
    def tp(self):
        return len(self.matches)

    @property
    def fp(self):
        return len(self.false_positives)

    @property
    def fn(self):
        return len(self.misses)


def score_class(predictions, labels):
    """Matches one class's predictions against its labels (lists of forms).

    Pass one matches every prediction whose name is a form of some label;
    pass two tries the aliases of the predictions whose name is a form of no
    label. A label is matched at most once: a prediction that can only reach
    labels already taken is a false positive (the second prediction of one
    entity, "Kim" beside "Kim Jong Un").
    """
    index = {}
    for i, forms in enumerate(labels):
        for form in forms:
            index.setdefault(normalize(form), []).append(i)
    taken = [False] * len(labels)
    result = ClassScore()
    pending = []

    def take(candidates):
        for i in candidates:
            if not taken[i]:
                taken[i] = True
                return i
        return None

    for p in predictions:
        candidates = index.get(normalize(p.name))
        if candidates is None:
            pending.append(p)
            continue
        i = take(candidates)
        if i is None:
            result.false_positives.append((p, "duplicate of " + labels[candidates[0]][0]))
        else:
            result.matches.append((p, labels[i], "name"))
    for p in pending:
        reachable = []
        for alias in p.aliases:
            reachable.extend(index.get(normalize(alias), []))
        if not reachable:
            result.false_positives.append((p, None))
            continue
        i = take(reachable)
        if i is None:
            result.false_positives.append((p, "duplicate of " + labels[reachable[0]][0]))
        else:
            result.matches.append((p, labels[i], "alias"))
    result.misses = [labels[i] for i in range(len(labels)) if not taken[i]]
    return result


def score_story(predicted, labelled):
    """Scores one story: `predicted` maps each class to a list of Prediction,
    `labelled` each class to a list of label entries or form lists.

    Returns {class: ClassScore}. A false positive whose name is a form of a
    label in another class is annotated as a wrong class; that label stays a
    miss in its own class unless something predicted there matched it.
    """
    labels = {
        c: [parse_label(e) if isinstance(e, str) else list(e) for e in labelled.get(c, [])]
        for c in CLASSES
    }
    scores = {c: score_class(predicted.get(c, []), labels[c]) for c in CLASSES}
    for c in CLASSES:
        annotated = []
        for p, why in scores[c].false_positives:
            if why is None:
                for other in CLASSES:
                    if other == c:
                        continue
                    hit = _label_with_form(labels[other], [p.name] + p.aliases)
                    if hit is not None:
                        why = f"wrong class: labelled a {CLASS_NAMES[other]}, {hit[0]}"
                        break
            annotated.append((p, why))
        scores[c].false_positives = annotated
    return scores


def _label_with_form(labels, names):
    wanted = {normalize(n) for n in names}
    for forms in labels:
        if wanted & {normalize(f) for f in forms}:
            return forms
    return None


def prf(tp, fp, fn):
    precision = tp / (tp + fp) if tp + fp else 0.0
    recall = tp / (tp + fn) if tp + fn else 0.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return precision, recall, f1


# -------------------------------------------------------------- headlines


def word_tokens(text):
    return re.findall(r"\w+", unicodedata.normalize("NFKC", text).lower())


def rouge1_f1(candidate, reference):
    """Unigram-overlap F1 of two texts (lower-cased word tokens, clipped counts)."""
    cand = collections.Counter(word_tokens(candidate))
    ref = collections.Counter(word_tokens(reference))
    overlap = sum((cand & ref).values())
    if not overlap:
        return 0.0
    precision = overlap / sum(cand.values())
    recall = overlap / sum(ref.values())
    return 2 * precision * recall / (precision + recall)


def headline_stats(pairs):
    """pairs: [(derived, real)] → the headline report's numbers."""
    if not pairs:
        return {"stories": 0}
    lengths = [len(d) for d, _ in pairs]
    real = [len(r) for _, r in pairs]
    return {
        "stories": len(pairs),
        "mean_chars": sum(lengths) / len(lengths),
        "max_chars": max(lengths),
        "share_within_limit": sum(1 for n in lengths if n <= HEADLINE_LIMIT) / len(lengths),
        "mean_rouge1_f1": sum(rouge1_f1(d, r) for d, r in pairs) / len(pairs),
        "real_mean_chars": sum(real) / len(real),
        "real_max_chars": max(real),
    }


# ------------------------------------------------------------ the corpus


def find_dir(given, default_rel, what):
    """A path the user gave (relative to the working directory), or the
    default looked up from the working directory, the repository, and the
    repository's parent folders (a worktree may sit deeper than main)."""
    if given:
        path = os.path.abspath(given)
        if not os.path.exists(path):
            sys.exit(f"eval_entities: {what} not found: {path}")
        return path
    tried = [os.path.abspath(default_rel), os.path.join(REPO, default_rel)]
    here = REPO
    while True:
        parent = os.path.dirname(here)
        if parent == here:
            break
        here = parent
        tried.append(os.path.join(here, default_rel.replace("../", "", 1)))
    for path in tried:
        if os.path.exists(path):
            return os.path.abspath(path)
    sys.exit(f"eval_entities: {what} not found (looked for {default_rel}); pass it explicitly")


def read_sources(corpus):
    heads = {}
    path = os.path.join(corpus, "SOURCES.tsv")
    if not os.path.exists(path):
        return heads
    with open(path, encoding="utf-8") as f:
        header = f.readline().rstrip("\n").split("\t")
        col = {name: i for i, name in enumerate(header)}
        for line in f:
            parts = line.rstrip("\n").split("\t")
            if len(parts) < len(header):
                continue
            heads[parts[col["file"]]] = parts[col["title"]]
    return heads


def corpus_files(corpus):
    return sorted(f for f in os.listdir(corpus) if f.endswith(".txt"))


def half_of(index):
    return HALVES[index % 2]


def read_labels(labels_dir):
    """{stem: (half, {class: [entry]})} from labels/tune and labels/test."""
    out = {}
    for half in HALVES:
        folder = os.path.join(labels_dir, half)
        if not os.path.isdir(folder):
            continue
        for name in sorted(os.listdir(folder)):
            if not name.endswith(".toml"):
                continue
            path = os.path.join(folder, name)
            with open(path, "rb") as f:
                try:
                    data = tomllib.load(f)
                except tomllib.TOMLDecodeError as e:
                    sys.exit(f"eval_entities: {path}: {e}")
            unknown = set(data) - set(CLASSES)
            if unknown:
                sys.exit(f"eval_entities: {path}: unknown keys {sorted(unknown)}")
            out[name[: -len(".toml")]] = (half, {c: list(data.get(c, [])) for c in CLASSES})
    return out


def build_digest(binary, corpus, files):
    """Builds all stories as one site; returns digest.json's articles by stem."""
    with tempfile.TemporaryDirectory(prefix="eval-entities-") as tmp:
        seeds = os.path.join(tmp, "seeds")
        os.makedirs(seeds)
        for name in files:
            shutil.copyfile(os.path.join(corpus, name), os.path.join(seeds, name))
        with open(os.path.join(tmp, "site.toml"), "w", encoding="utf-8") as f:
            f.write(SITE_TOML)
        out = os.path.join(tmp, "public")
        env = dict(os.environ, SOURCE_DATE_EPOCH=SOURCE_DATE_EPOCH)
        run = subprocess.run(
            [binary, "build", "--root", tmp, "--output", out, "--quiet"],
            env=env,
            capture_output=True,
            text=True,
        )
        digest_path = os.path.join(out, "digest.json")
        if run.returncode != 0:
            sys.stderr.write(run.stdout + run.stderr)
            if not os.path.exists(digest_path):
                sys.exit(f"eval_entities: {binary} build failed ({run.returncode})")
            sys.stderr.write("eval_entities: build reported errors; scoring what was built\n")
        with open(digest_path, encoding="utf-8") as f:
            digest = json.load(f)
    articles = {}
    tables = digest.get("entities", {})
    for article in digest.get("articles", []):
        stem = os.path.splitext(os.path.basename(article["source"]))[0]
        # Format 2 names each entity once, in the entities table; an
        # article refers to it by its index there.
        for c in CLASSES:
            for e in article.get(c, []):
                if "name" not in e and "entity" in e:
                    e["name"] = tables[c][e["entity"]]["name"]
        articles[stem] = article
    return articles


def predictions_of(article):
    return {
        c: [Prediction(e["name"], e.get("aliases") or []) for e in article.get(c, [])]
        for c in CLASSES
    }


# ------------------------------------------------------------- reporting


def evaluate(articles, labels, files):
    """Scores every labelled story; returns per-half totals and per-story details."""
    order = {os.path.splitext(f)[0]: i for i, f in enumerate(files)}
    totals = {h: {c: [0, 0, 0] for c in CLASSES} for h in HALVES}
    counts = {h: {"stories": 0, "labels": {c: 0 for c in CLASSES}} for h in HALVES}
    details = []
    warnings = []
    for stem in sorted(labels, key=lambda s: (order.get(s, 1 << 30), s)):
        half, labelled = labels[stem]
        if stem not in order:
            warnings.append(f"{half}/{stem}.toml: no such story in the corpus; skipped")
            continue
        if half_of(order[stem]) != half:
            warnings.append(f"{half}/{stem}.toml: sorted index {order[stem]} belongs in {half_of(order[stem])}/")
        article = articles.get(stem)
        if article is None:
            warnings.append(f"{stem}: not in digest.json; every label is a miss")
        predicted = predictions_of(article) if article else {}
        scores = score_story(predicted, labelled)
        counts[half]["stories"] += 1
        for c in CLASSES:
            counts[half]["labels"][c] += len(labelled[c])
            t = totals[half][c]
            t[0] += scores[c].tp
            t[1] += scores[c].fp
            t[2] += scores[c].fn
        details.append((stem, half, scores))
    return totals, counts, details, warnings


def metrics_json(totals, counts):
    out = {}
    for h in HALVES:
        classes = {}
        sums = [0, 0, 0]
        for c in CLASSES:
            tp, fp, fn = totals[h][c]
            sums = [sums[0] + tp, sums[1] + fp, sums[2] + fn]
            p, r, f = prf(tp, fp, fn)
            classes[c] = {
                "labels": counts[h]["labels"][c],
                "tp": tp,
                "fp": fp,
                "fn": fn,
                "precision": p,
                "recall": r,
                "f1": f,
            }
        p, r, f = prf(*sums)
        out[h] = {
            "stories": counts[h]["stories"],
            "labels": sum(counts[h]["labels"].values()),
            "classes": classes,
            "micro": {"tp": sums[0], "fp": sums[1], "fn": sums[2], "precision": p, "recall": r, "f1": f},
        }
    return out


def errors_json(details, halves):
    out = []
    for stem, half, scores in details:
        if half not in halves:
            continue
        story = {"story": stem, "half": half, "false_positives": [], "misses": []}
        for c in CLASSES:
            for p, why in scores[c].false_positives:
                story["false_positives"].append(
                    {"class": c, "name": p.name, "aliases": p.aliases, "why": why}
                )
            for forms in scores[c].misses:
                story["misses"].append({"class": c, "label": " | ".join(forms)})
        if story["false_positives"] or story["misses"]:
            out.append(story)
    return out


def print_metrics(metrics):
    for h in HALVES:
        m = metrics[h]
        print(f"{h} half: {m['stories']} stories, {m['labels']} labels")
        print(f"  {'class':<14}{'labels':>7}{'tp':>6}{'fp':>6}{'fn':>6}{'P':>8}{'R':>8}{'F1':>8}")
        rows = [(c, m["classes"][c]) for c in CLASSES] + [("micro", dict(m["micro"], labels=m["labels"]))]
        for name, r in rows:
            print(
                f"  {name:<14}{r['labels']:>7}{r['tp']:>6}{r['fp']:>6}{r['fn']:>6}"
                f"{r['precision']:>8.3f}{r['recall']:>8.3f}{r['f1']:>8.3f}"
            )
        print()


def print_headlines(report):
    print(f"headlines: derived title vs real headline (limit {HEADLINE_LIMIT} characters)")
    print(f"  {'set':<6}{'stories':>8}{'mean':>8}{'max':>6}{'<=90':>8}{'ROUGE-1':>9}{'real mean':>11}{'real max':>10}")
    for key in ("all",) + HALVES:
        r = report[key]
        if not r["stories"]:
            print(f"  {key:<6}{0:>8}")
            continue
        print(
            f"  {key:<6}{r['stories']:>8}{r['mean_chars']:>8.1f}{r['max_chars']:>6}"
            f"{r['share_within_limit']:>8.1%}{r['mean_rouge1_f1']:>9.3f}"
            f"{r['real_mean_chars']:>11.1f}{r['real_max_chars']:>10}"
        )
    print()


def print_errors(errors):
    for story in errors:
        print(f"== {story['story']} ({story['half']})")
        for e in story["false_positives"]:
            aliases = f" [{', '.join(e['aliases'])}]" if e["aliases"] else ""
            why = f"  ({e['why']})" if e["why"] else ""
            print(f"  {e['class']:<13} FP    {e['name']}{aliases}{why}")
        for e in story["misses"]:
            print(f"  {e['class']:<13} miss  {e['label']}")
    print()


def main(argv=None):
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--binary", help="briefing binary (default: target/release/briefing)")
    ap.add_argument("--corpus", help="folder of .txt stories and SOURCES.tsv (default: ../shared/corpus/wikinews)")
    ap.add_argument("--labels", help="labels folder with tune/ and test/ (default: eval/wikinews)")
    ap.add_argument("--errors", action="store_true", help="list false positives and misses per story")
    ap.add_argument("--half", choices=("tune", "test", "both"), default="tune", help="half for --errors (default: tune)")
    ap.add_argument("--json", action="store_true", help="print the numbers as JSON")
    args = ap.parse_args(argv)

    binary = os.path.abspath(args.binary) if args.binary else os.path.join(REPO, "target", "release", "briefing")
    if not os.path.exists(binary):
        sys.exit(f"eval_entities: no binary at {binary}; run `cargo build --release` or pass --binary")
    corpus = find_dir(args.corpus, "../shared/corpus/wikinews", "corpus")
    labels_dir = args.labels and os.path.abspath(args.labels) or os.path.join(REPO, "eval", "wikinews")
    if not os.path.isdir(labels_dir):
        sys.exit(f"eval_entities: labels not found: {labels_dir}")

    files = corpus_files(corpus)
    if not files:
        sys.exit(f"eval_entities: no .txt stories in {corpus}")
    heads = read_sources(corpus)
    labels = read_labels(labels_dir)
    articles = build_digest(binary, corpus, files)

    totals, counts, details, warnings = evaluate(articles, labels, files)
    metrics = metrics_json(totals, counts)

    pairs = {"all": [], "tune": [], "test": []}
    for i, name in enumerate(files):
        stem = os.path.splitext(name)[0]
        if name not in heads or stem not in articles:
            continue
        pair = (articles[stem].get("title") or "", heads[name])
        pairs["all"].append(pair)
        pairs[half_of(i)].append(pair)
    headlines = {k: headline_stats(v) for k, v in pairs.items()}

    halves = HALVES if args.half == "both" else (args.half,)
    errors = errors_json(details, halves) if args.errors else None

    if args.json:
        out = {
            "binary": binary,
            "corpus": corpus,
            "corpus_stories": len(files),
            "entities": metrics,
            "headlines": headlines,
            "warnings": warnings,
        }
        if errors is not None:
            out["errors"] = errors
        json.dump(out, sys.stdout, ensure_ascii=False, indent=1)
        print()
        return 0

    for w in warnings:
        print("warning: " + w, file=sys.stderr)
    print(f"corpus: {len(files)} stories built from {corpus}")
    print()
    print_metrics(metrics)
    print_headlines(headlines)
    if errors is not None:
        print_errors(errors)
    return 0


if __name__ == "__main__":
    sys.exit(main())
