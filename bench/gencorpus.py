#!/usr/bin/env python3
"""Writes a deterministic synthetic briefing site for benchmarks.

    bench/gencorpus.py --n 10000 --out /dev/shm/site10k [--seed 7] [--peers]

The site has a site.toml and N wire-style articles in seeds/: plain text,
one paragraph per line, no title line, named YYYY-MM-DD_NNN_<hex>.txt (a
date prefix and a rank ordinal), spread over 400 days, each with a sidecar
NAME.toml holding two to four tags out of forty (some far more common than
others). Every tenth article is Markdown with TOML front matter instead.
Same arguments, same bytes. Python 3 standard library only.

With --peers it also writes the same articles as two other generators'
sites, for side-by-side timing (bench/build_bench.py uses them):

    OUT/zola/   cd OUT/zola && zola build        (Zola 0.19 or newer)
    OUT/hugo/   hugo --source OUT/hugo           (Hugo 0.146 or newer)

Each article there is one Markdown file with the same paragraphs, date (the
file name's day), tags and, for the Markdown seeds, title; a plain-text seed
gets its lede's first sentence, cut to 70 characters, as title (briefing
derives its own). The first paragraph is the summary. Both sites render
what briefing's pages have in common with theirs: a front page with the
newest eight days' stories and their summaries (briefing shows the latest
edition and seven earlier ones), a page per article with its tags and
previous/next links, a page per day (an "editions" taxonomy: briefing's
edition pages) listing each story with its summary, a tag index and a page
per tag (headline, date, link), a 20-entry feed and a sitemap. Not
rendered there: entity pages, digest.json, the search index, print and
email editions, which briefing writes and they have no equivalent for.
"""
import argparse
import datetime
import os
import random
import shutil
import textwrap

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


def day_of(i, n, start):
    """The day of article i of n: spread evenly over 400 days."""
    return start + datetime.timedelta(days=i * 400 // max(1, n))


def write_article(seeds, i, n, rng, start):
    """Writes seed i and returns what the peers' sites need of it."""
    day = day_of(i, n, start)
    rank = rng.randint(0, 30)
    ident = f"{rng.getrandbits(64):016x}"
    paragraphs = [paragraph(rng) for _ in range(rng.randint(5, 10))]
    chosen_tags = tags(rng)
    chosen = ", ".join(f'"{t}"' for t in chosen_tags)
    stem = f"{day.isoformat()}_{rank:03d}_{ident}"
    title = paragraphs[0].split(".")[0][:70].rstrip(" ,")
    article = (stem, day, title, paragraphs, chosen_tags)
    if i % 10 == 9:
        body = "\n\n".join(paragraphs)
        front = f'+++\ntitle = "{title}"\ntags = [{chosen}]\n+++\n'
        with open(os.path.join(seeds, stem + ".md"), "w", encoding="utf-8") as f:
            f.write(front + body + "\n")
        return article
    with open(os.path.join(seeds, stem + ".txt"), "w", encoding="utf-8") as f:
        f.write("\n".join(paragraphs))
    with open(os.path.join(seeds, stem + ".toml"), "w", encoding="utf-8") as f:
        f.write(f"tags = [{chosen}]\n")
    return article


# The peers' sites. Their templates show the same things in the same order
# (see the module doc); @HOME@ is the number of stories on the front page,
# @FEED@ the feed's length, both filled in by Peers.
FRONT_DAYS = 8
FEED_ENTRIES = 20

ZOLA_SITE = {
    "config.toml": """\
        base_url = "https://example.github.io/bench"
        title = "Benchmark Briefing"
        default_language = "en"
        compile_sass = false
        build_search_index = false
        generate_feeds = true
        feed_filenames = ["atom.xml"]
        feed_limit = @FEED@
        taxonomies = [{ name = "tags" }, { name = "editions" }]
        """,
    "content/_index.md": """\
        +++
        sort_by = "date"
        +++
        """,
    "templates/base.html": """\
        <!DOCTYPE html>
        <html lang="en">
        <head>
        <meta charset="utf-8">
        <title>{% block title %}{{ config.title }}{% endblock title %}</title>
        <link rel="alternate" type="application/atom+xml" href="{{ get_url(path='atom.xml', trailing_slash=false) | safe }}">
        </head>
        <body>
        <nav><a href="{{ config.base_url | safe }}/">{{ config.title }}</a> · <a href="{{ config.base_url | safe }}/tags/">Tags</a> · <a href="{{ config.base_url | safe }}/editions/">Editions</a></nav>
        <main>{% block main %}{% endblock main %}</main>
        </body>
        </html>
        """,
    "templates/index.html": """\
        {% extends "base.html" %}
        {% block main %}
        <h1>{{ config.title }}</h1>
        {% for story in section.pages | slice(end=@HOME@) %}
        <article><h2><a href="{{ story.permalink | safe }}">{{ story.title }}</a></h2>
        <p><time>{{ story.date | date(format="%Y-%m-%d") }}</time></p>
        {{ story.summary | safe }}</article>
        {% endfor %}
        {% endblock main %}
        """,
    "templates/page.html": """\
        {% extends "base.html" %}
        {% block title %}{{ page.title }}{% endblock title %}
        {% block main %}
        <article>
        <h1>{{ page.title }}</h1>
        <p><time>{{ page.date | date(format="%Y-%m-%d") }}</time></p>
        {{ page.content | safe }}
        <ul>{% for tag in page.taxonomies.tags %}<li><a href="{{ get_taxonomy_url(kind='tags', name=tag) | safe }}">{{ tag }}</a></li>{% endfor %}</ul>
        </article>
        <nav>
        {% if page.higher %}<a rel="prev" href="{{ page.higher.permalink | safe }}">{{ page.higher.title }}</a>{% endif %}
        {% if page.lower %}<a rel="next" href="{{ page.lower.permalink | safe }}">{{ page.lower.title }}</a>{% endif %}
        </nav>
        {% endblock main %}
        """,
    "templates/taxonomy_list.html": """\
        {% extends "base.html" %}
        {% block title %}{{ taxonomy.name }}{% endblock title %}
        {% block main %}
        <h1>{{ taxonomy.name }}</h1>
        <ul>
        {% for term in terms %}<li><a href="{{ term.permalink | safe }}">{{ term.name }}</a> {{ term.pages | length }}</li>
        {% endfor %}</ul>
        {% endblock main %}
        """,
    "templates/taxonomy_single.html": """\
        {% extends "base.html" %}
        {% block title %}{{ term.name }}{% endblock title %}
        {% block main %}
        <h1>{{ term.name }}</h1>
        {% if taxonomy.name == "editions" %}
        {% for story in term.pages %}
        <article><h2><a href="{{ story.permalink | safe }}">{{ story.title }}</a></h2>
        {{ story.summary | safe }}</article>
        {% endfor %}
        {% else %}
        <ul>
        {% for story in term.pages %}<li><a href="{{ story.permalink | safe }}">{{ story.title }}</a> <time>{{ story.date | date(format="%Y-%m-%d") }}</time></li>
        {% endfor %}</ul>
        {% endif %}
        {% endblock main %}
        """,
}

# Hugo's template names as of 0.146 (home, page, taxonomy, term).
HUGO_SITE = {
    "hugo.toml": """\
        baseURL = "https://example.github.io/bench/"
        title = "Benchmark Briefing"
        languageCode = "en"
        disableHugoGeneratorInject = true

        [taxonomies]
        tag = "tags"
        edition = "editions"

        [outputs]
        home = ["html", "rss"]
        page = ["html"]
        section = ["html"]
        taxonomy = ["html"]
        term = ["html"]

        [services.rss]
        limit = @FEED@
        """,
    "layouts/baseof.html": """\
        <!DOCTYPE html>
        <html lang="en">
        <head>
        <meta charset="utf-8">
        <title>{{ block "title" . }}{{ site.Title }}{{ end }}</title>
        <link rel="alternate" type="application/rss+xml" href="{{ "index.xml" | absURL }}">
        </head>
        <body>
        <nav><a href="{{ site.BaseURL }}">{{ site.Title }}</a> · <a href="{{ "tags/" | absURL }}">Tags</a> · <a href="{{ "editions/" | absURL }}">Editions</a></nav>
        <main>{{ block "main" . }}{{ end }}</main>
        </body>
        </html>
        """,
    "layouts/home.html": """\
        {{ define "main" }}
        <h1>{{ site.Title }}</h1>
        {{ range first @HOME@ site.RegularPages.ByDate.Reverse }}
        <article><h2><a href="{{ .Permalink }}">{{ .Title }}</a></h2>
        <p><time>{{ .Date.Format "2006-01-02" }}</time></p>
        {{ .Summary }}</article>
        {{ end }}
        {{ end }}
        """,
    "layouts/page.html": """\
        {{ define "title" }}{{ .Title }}{{ end }}
        {{ define "main" }}
        <article>
        <h1>{{ .Title }}</h1>
        <p><time>{{ .Date.Format "2006-01-02" }}</time></p>
        {{ .Content }}
        <ul>{{ range .GetTerms "tags" }}<li><a href="{{ .Permalink }}">{{ .LinkTitle }}</a></li>{{ end }}</ul>
        </article>
        <nav>
        {{ with .Next }}<a rel="prev" href="{{ .Permalink }}">{{ .Title }}</a>{{ end }}
        {{ with .Prev }}<a rel="next" href="{{ .Permalink }}">{{ .Title }}</a>{{ end }}
        </nav>
        {{ end }}
        """,
    "layouts/taxonomy.html": """\
        {{ define "title" }}{{ .Title }}{{ end }}
        {{ define "main" }}
        <h1>{{ .Title }}</h1>
        <ul>
        {{ range .Data.Terms.Alphabetical }}<li><a href="{{ .Page.Permalink }}">{{ .Page.Title }}</a> {{ .Count }}</li>
        {{ end }}</ul>
        {{ end }}
        """,
    "layouts/term.html": """\
        {{ define "title" }}{{ .Title }}{{ end }}
        {{ define "main" }}
        <h1>{{ .Title }}</h1>
        {{ if eq .Data.Plural "editions" }}
        {{ range .Pages }}
        <article><h2><a href="{{ .Permalink }}">{{ .Title }}</a></h2>
        {{ .Summary }}</article>
        {{ end }}
        {{ else }}
        <ul>
        {{ range .Pages }}<li><a href="{{ .Permalink }}">{{ .Title }}</a> <time>{{ .Date.Format "2006-01-02" }}</time></li>
        {{ end }}</ul>
        {{ end }}
        {{ end }}
        """,
}


def write_text(path, text):
    os.makedirs(os.path.dirname(path), exist_ok=True)
    with open(path, "w", encoding="utf-8", newline="\n") as f:
        f.write(text)


class Peers:
    """Writes OUT/zola and OUT/hugo, one article at a time."""

    def __init__(self, out, n, start):
        self.zola = os.path.join(out, "zola")
        self.hugo = os.path.join(out, "hugo")
        last = day_of(n - 1, n, start)
        first_shown = last - datetime.timedelta(days=FRONT_DAYS - 1)
        home = sum(1 for i in range(n) if day_of(i, n, start) >= first_shown)
        for root, files in ((self.zola, ZOLA_SITE), (self.hugo, HUGO_SITE)):
            shutil.rmtree(root, ignore_errors=True)
            for rel, text in files.items():
                text = textwrap.dedent(text).replace("@HOME@", str(home))
                write_text(os.path.join(root, rel), text.replace("@FEED@", str(FEED_ENTRIES)))

    def write(self, article):
        stem, day, title, paragraphs, chosen_tags = article
        body = paragraphs[0] + "\n\n<!--more-->\n\n" + "\n\n".join(paragraphs[1:]) + "\n"
        quoted = ", ".join(f'"{t}"' for t in chosen_tags)
        common = f'title = "{title}"\ndate = {day.isoformat()}\n'
        write_text(
            os.path.join(self.zola, "content", stem + ".md"),
            f"+++\n{common}\n[taxonomies]\ntags = [{quoted}]\n"
            f'editions = ["{day.isoformat()}"]\n+++\n\n{body}',
        )
        write_text(
            os.path.join(self.hugo, "content", stem + ".md"),
            f'+++\n{common}tags = [{quoted}]\neditions = ["{day.isoformat()}"]\n+++\n\n{body}',
        )


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--n", type=int, required=True, help="number of articles")
    parser.add_argument("--out", required=True, help="site folder to (re)create")
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument(
        "--peers", action="store_true", help="also write OUT/zola and OUT/hugo (see above)"
    )
    args = parser.parse_args()
    if args.n < 1:
        parser.error("--n must be at least 1")
    rng = random.Random(args.seed)
    seeds = os.path.join(args.out, "seeds")
    shutil.rmtree(seeds, ignore_errors=True)
    os.makedirs(seeds)
    with open(os.path.join(args.out, "site.toml"), "w", encoding="utf-8") as f:
        f.write('title = "Benchmark Briefing"\nbase_url = "https://example.github.io/bench/"\n')
    start = datetime.date(2024, 1, 1)
    peers = Peers(args.out, args.n, start) if args.peers else None
    for i in range(args.n):
        article = write_article(seeds, i, args.n, rng, start)
        if peers:
            peers.write(article)


if __name__ == "__main__":
    main()
