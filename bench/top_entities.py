#!/usr/bin/env python3
"""Prints the people, organisations and places cited in the most stories.

    cargo build --release
    bench/top_entities.py STORIES [--binary target/release/briefing] [--n 50]
                          [--json]

STORIES is a folder of stories (`.txt` or `.md`, as in a site's `seeds/`)
or a whole site (a folder with `site.toml` and `seeds/`). A folder of
stories is copied into a temporary site with a minimal `site.toml`; either
way the site is built with `SOURCE_DATE_EPOCH` fixed and `digest.json` is
read. Each kind's entities are ranked by the number of stories citing
them (then by mentions, then by name), and the top N of each kind are
printed with their story count, mentions and other names: the list a
reader meets first on the entity index, and the one to read for names of
the wrong kind or bare words folded into another story's name.

Python 3 standard library only.
"""
import argparse
import json
import os
import shutil
import subprocess
import sys
import tempfile

REPO = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
KINDS = ("people", "organizations", "places")
SOURCE_DATE_EPOCH = "1577836800"
SITE_TOML = 'title = "Top entities"\nbase_url = "https://example.org/top/"\n'


def build(binary, stories):
    """Builds the stories; returns digest.json as a dict."""
    with tempfile.TemporaryDirectory(prefix="top-entities-") as tmp:
        if os.path.exists(os.path.join(stories, "site.toml")):
            root = stories
        else:
            root = tmp
            seeds = os.path.join(tmp, "seeds")
            os.makedirs(seeds)
            for name in sorted(os.listdir(stories)):
                if name.endswith((".txt", ".md", ".toml")):
                    shutil.copyfile(os.path.join(stories, name), os.path.join(seeds, name))
            with open(os.path.join(tmp, "site.toml"), "w", encoding="utf-8") as f:
                f.write(SITE_TOML)
        out = os.path.join(tmp, "public")
        env = dict(os.environ, SOURCE_DATE_EPOCH=SOURCE_DATE_EPOCH)
        run = subprocess.run(
            [binary, "build", "--root", root, "--output", out, "--quiet"],
            env=env,
            capture_output=True,
            text=True,
        )
        path = os.path.join(out, "digest.json")
        if not os.path.exists(path):
            sys.stderr.write(run.stdout + run.stderr)
            sys.exit(f"top_entities: {binary} build failed ({run.returncode})")
        with open(path, encoding="utf-8") as f:
            return json.load(f)


def top(digest, n):
    """{kind: [(stories, mentions, name, aliases)]}, most cited first."""
    out = {}
    for kind in KINDS:
        rows = [
            (len(e.get("articles", [])), e.get("mentions", 0), e["name"], e.get("aliases", []))
            for e in digest.get("entities", {}).get(kind, [])
        ]
        rows.sort(key=lambda r: (-r[0], -r[1], r[2]))
        out[kind] = rows[:n]
    return out


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("stories", help="a folder of stories, or a site folder")
    ap.add_argument("--binary", default=os.path.join(REPO, "target", "release", "briefing"))
    ap.add_argument("--n", type=int, default=50)
    ap.add_argument("--json", action="store_true")
    args = ap.parse_args()
    if not os.path.isdir(args.stories):
        sys.exit(f"top_entities: not a folder: {args.stories}")
    digest = build(args.binary, os.path.abspath(args.stories))
    ranked = top(digest, args.n)
    if args.json:
        print(json.dumps({k: [dict(zip(("stories", "mentions", "name", "aliases"), r)) for r in v]
                          for k, v in ranked.items()}, ensure_ascii=False, indent=1))
        return
    print(f"{len(digest.get('articles', []))} stories")
    for kind in KINDS:
        print(f"\n{kind}: the {len(ranked[kind])} cited in the most stories")
        for i, (stories, mentions, name, aliases) in enumerate(ranked[kind], 1):
            other = f"  [{'; '.join(aliases[:4])}]" if aliases else ""
            print(f"  {i:>3}. {stories:>5} {mentions:>6}  {name}{other}")


if __name__ == "__main__":
    main()
