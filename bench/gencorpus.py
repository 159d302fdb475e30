#!/usr/bin/env python3
"""Writes a deterministic synthetic briefing site for benchmarks.

    bench/gencorpus.py --n 10000 --out /dev/shm/site10k [--seed 7]

The site has a site.toml and N wire-style articles in seeds/: plain text,
one paragraph per line, no title line, named YYYY-MM-DD_NNN_<hex>.txt (a
date prefix and a rank ordinal), spread over 400 days, each with a sidecar
NAME.toml holding two to four tags out of forty (some far more common than
others). Every tenth article is Markdown with TOML front matter instead.
Same arguments, same bytes. Python 3 standard library only.
"""
import argparse
import datetime
import os
import random
import shutil

WORDS = """the a of to in and on for with from by at as after before over under
officials said says government ministry city council company market shares
prices talks agreement report police court election vote budget plan water
energy grid port harbour railway airport hospital school university union
workers strike protest storm flood drought harvest exports imports inflation
growth rate bank loan debt tax reform bill law minister president mayor
leader spokesperson committee inquiry investigation contract tender project
bridge road tunnel station line service delay cost billion million percent
week month year morning evening night region province district capital
border coast island river valley northern southern eastern western local
national international regional new old major minor first second third final
early late higher lower rising falling expected announced confirmed denied
approved rejected delayed reopened closed opened launched signed agreed""".split()
FIRST = "Amina Bruno Carla Dmitri Elif Farid Greta Hiro Ines Jonas Kofi Lena Mateus Nadia Oskar Priya".split()
LAST = "Achterberg Balogun Castellanos Dvořák Eriksen Fonseca Grünewald Haddad Iwasaki Jovanović Kowalczyk Lindqvist".split()
PLACES = "Valdera Northmere Kestrel Bay Orsolo Brannock Tiraspa Lunden Marisco Harwick Eastfold".split()
ORGS = ["the Port Authority", "the Central Bank", "the Transport Ministry", "Veltro Energy",
        "the Water Board", "the Statistics Office", "Quorra Telecom", "the Supreme Court"]
TAGS = [f"topic-{i:02d}" for i in range(40)]


def sentence(rng):
    words = [rng.choice(WORDS) for _ in range(rng.randint(8, 18))]
    pick = rng.random()
    if pick < 0.3:
        words.insert(rng.randint(0, len(words)), f"{rng.choice(FIRST)} {rng.choice(LAST)}")
    elif pick < 0.5:
        words.insert(rng.randint(0, len(words)), rng.choice(PLACES))
    elif pick < 0.6:
        words.insert(rng.randint(0, len(words)), rng.choice(ORGS))
    if rng.random() < 0.2:
        words.insert(rng.randint(0, len(words)), f"{rng.randint(2, 9000):,}")
    text = " ".join(words)
    if rng.random() < 0.15:
        return f"“{text[0].upper()}{text[1:]},” {rng.choice(FIRST)} {rng.choice(LAST)} said."
    return f"{text[0].upper()}{text[1:]}."


def paragraph(rng):
    return " ".join(sentence(rng) for _ in range(rng.randint(2, 4)))


def tags(rng):
    # Squaring a uniform draw skews towards the first tags.
    return sorted({TAGS[int(rng.random() ** 2 * len(TAGS))] for _ in range(rng.randint(2, 4))})


def write_article(seeds, i, rng, start):
    day = start + datetime.timedelta(days=i * 400 // max(1, N))
    rank = rng.randint(0, 30)
    ident = f"{rng.getrandbits(64):016x}"
    paragraphs = [paragraph(rng) for _ in range(rng.randint(5, 10))]
    chosen = ", ".join(f'"{t}"' for t in tags(rng))
    stem = f"{day.isoformat()}_{rank:03d}_{ident}"
    if i % 10 == 9:
        title = paragraphs[0].split(".")[0][:70].rstrip(" ,")
        body = "\n\n".join(paragraphs)
        front = f'+++\ntitle = "{title}"\ntags = [{chosen}]\n+++\n'
        with open(os.path.join(seeds, stem + ".md"), "w", encoding="utf-8") as f:
            f.write(front + body + "\n")
        return
    with open(os.path.join(seeds, stem + ".txt"), "w", encoding="utf-8") as f:
        f.write("\n".join(paragraphs))
    with open(os.path.join(seeds, stem + ".toml"), "w", encoding="utf-8") as f:
        f.write(f"tags = [{chosen}]\n")


def main():
    global N
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--n", type=int, required=True, help="number of articles")
    parser.add_argument("--out", required=True, help="site folder to (re)create")
    parser.add_argument("--seed", type=int, default=7)
    args = parser.parse_args()
    N = args.n
    rng = random.Random(args.seed)
    seeds = os.path.join(args.out, "seeds")
    shutil.rmtree(seeds, ignore_errors=True)
    os.makedirs(seeds)
    with open(os.path.join(args.out, "site.toml"), "w", encoding="utf-8") as f:
        f.write('title = "Benchmark Briefing"\nbase_url = "https://example.github.io/bench/"\n')
    start = datetime.date(2024, 1, 1)
    for i in range(args.n):
        write_article(seeds, i, rng, start)


N = 0
if __name__ == "__main__":
    main()
