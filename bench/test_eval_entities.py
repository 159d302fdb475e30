"""Unit tests for the scorer of bench/eval_entities.py.

    python3 -m unittest discover -s bench      (from the repository root)
    cd bench && python3 -m unittest
"""
import os
import sys
import unittest

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))

from eval_entities import (  # noqa: E402
    Prediction,
    headline_stats,
    normalize,
    parse_label,
    prf,
    rouge1_f1,
    score_class,
    score_story,
)


def P(name, *aliases):
    return Prediction(name, aliases)


def labels(*entries):
    return [parse_label(e) for e in entries]


class Normalize(unittest.TestCase):
    def test_case_quotes_dashes_spaces(self):
        self.assertEqual(normalize("Beto O\u2019Rourke"), normalize("beto o'rourke"))
        self.assertEqual(normalize("Kitchener\u2013Waterloo"), "kitchener-waterloo")
        self.assertEqual(normalize("Sea\u2014Eye"), normalize("Sea-Eye"))
        self.assertEqual(normalize("  New \t York\u00a0City "), "new york city")

    def test_trailing_punctuation_and_leading_article(self):
        self.assertEqual(normalize("The Jakarta Post"), "jakarta post")
        self.assertEqual(normalize("Washington, D.C."), "washington, d.c")
        self.assertEqual(normalize("Acme Inc.,"), "acme inc")
        # Only a leading "the " goes; "The" inside a name stays.
        self.assertEqual(normalize("Theresa May"), "theresa may")
        self.assertEqual(normalize("Beauty and the Beast"), "beauty and the beast")

    def test_nfkc_and_casefold(self):
        self.assertEqual(normalize("\uff21\uff23\uff2d\uff25"), "acme")  # full-width
        self.assertEqual(normalize("Stra\u00dfe"), normalize("STRASSE"))

    def test_parse_label(self):
        self.assertEqual(parse_label("Andrzej Duda | Duda"), ["Andrzej Duda", "Duda"])
        self.assertEqual(parse_label("Koszalin"), ["Koszalin"])


class Matching(unittest.TestCase):
    def test_name_matches_canonical_or_alias_form(self):
        gold = labels("Andrzej Duda | Duda", "Monika Kosiec | Kosiec")
        r = score_class([P("Andrzej Duda"), P("Kosiec")], gold)
        self.assertEqual((r.tp, r.fp, r.fn), (2, 0, 0))

    def test_prediction_alias_used_when_name_matches_nothing(self):
        gold = labels("Donald Trump | Trump")
        # The system gave a longer name from another story, but this story's
        # form among its aliases.
        r = score_class([P("Donald John Trump", "Trump")], gold)
        self.assertEqual((r.tp, r.fp, r.fn), (1, 0, 0))
        self.assertEqual(r.matches[0][2], "alias")

    def test_alias_not_tried_when_name_matches_a_taken_label(self):
        gold = labels("Kim Jong Un | Kim")
        r = score_class([P("Kim Jong Un"), P("Kim", "Kim Jong Un")], gold)
        self.assertEqual((r.tp, r.fp, r.fn), (1, 1, 0))

    def test_second_prediction_of_one_entity_is_a_false_positive(self):
        gold = labels("Kim Jong Un | Kim")
        r = score_class([P("Kim"), P("Kim Jong Un")], gold)
        self.assertEqual((r.tp, r.fp, r.fn), (1, 1, 0))
        self.assertIn("duplicate", r.false_positives[0][1])

    def test_alias_only_duplicate_is_a_false_positive(self):
        gold = labels("Polish Press Agency | PAP")
        r = score_class([P("PAP"), P("Press Agency of Poland", "PAP")], gold)
        self.assertEqual((r.tp, r.fp, r.fn), (1, 1, 0))

    def test_name_match_wins_over_an_earlier_alias_match(self):
        # "Smith" alone (with alias "Tristan Smith") must not take the label
        # that a later prediction names exactly; here both are the same
        # label, so one is a duplicate either way, and the name match stays.
        gold = labels("Tristan Smith | Smith", "Doug Miller | Miller")
        r = score_class([P("Tristan S.", "Smith"), P("Tristan Smith")], gold)
        self.assertEqual((r.tp, r.fp, r.fn), (1, 1, 1))
        self.assertEqual(r.matches[0][0].name, "Tristan Smith")

    def test_each_label_matched_once_but_distinct_labels_both_match(self):
        gold = labels("Jacques Chirac | Chirac", "Bernadette")
        r = score_class([P("Chirac"), P("Bernadette"), P("Bernadette")], gold)
        self.assertEqual((r.tp, r.fp, r.fn), (2, 1, 0))

    def test_unlabelled_prediction_and_missed_label(self):
        gold = labels("Koszalin")
        r = score_class([P("North Poland")], gold)
        self.assertEqual((r.tp, r.fp, r.fn), (0, 1, 1))
        self.assertEqual(r.misses, [["Koszalin"]])

    def test_normalised_comparison(self):
        gold = labels("The Jakarta Post", "Beto O'Rourke")
        r = score_class([P("Jakarta Post."), P("BETO O\u2019ROURKE")], gold)
        self.assertEqual((r.tp, r.fp, r.fn), (2, 0, 0))


class Story(unittest.TestCase):
    def test_wrong_class_is_fp_there_and_miss_in_its_own(self):
        gold = {"people": [], "places": ["Koszalin"], "organizations": ["Real Betis"]}
        predicted = {"people": [P("Real Betis")], "places": [P("Koszalin")]}
        s = score_story(predicted, gold)
        self.assertEqual((s["people"].tp, s["people"].fp, s["people"].fn), (0, 1, 0))
        self.assertEqual((s["organizations"].tp, s["organizations"].fp, s["organizations"].fn), (0, 0, 1))
        self.assertEqual((s["places"].tp, s["places"].fp, s["places"].fn), (1, 0, 0))
        self.assertIn("wrong class", s["people"].false_positives[0][1])

    def test_classes_are_scored_separately(self):
        # The same text form may be a person in one class and a place in
        # another; each class only sees its own labels.
        gold = {"people": ["George Washington"], "places": ["Washington, D.C. | Washington"]}
        predicted = {"people": [P("George Washington")], "places": [P("Washington")]}
        s = score_story(predicted, gold)
        self.assertEqual(sum(s[c].tp for c in s), 2)
        self.assertEqual(sum(s[c].fp + s[c].fn for c in s), 0)

    def test_missing_article_means_every_label_missed(self):
        gold = {"people": ["A B"], "places": ["C"], "organizations": []}
        s = score_story({}, gold)
        self.assertEqual(sum(s[c].fn for c in s), 2)


class Numbers(unittest.TestCase):
    def test_prf(self):
        self.assertEqual(prf(0, 0, 0), (0.0, 0.0, 0.0))
        p, r, f = prf(3, 1, 2)
        self.assertAlmostEqual(p, 0.75)
        self.assertAlmostEqual(r, 0.6)
        self.assertAlmostEqual(f, 2 * 0.75 * 0.6 / 1.35)

    def test_rouge1(self):
        self.assertAlmostEqual(rouge1_f1("Fire kills five", "fire kills five"), 1.0)
        self.assertEqual(rouge1_f1("abc", "xyz"), 0.0)
        # 2 of 4 candidate words, 2 of 3 reference words.
        self.assertAlmostEqual(rouge1_f1("a fire in Poland", "fire in Koszalin"), 2 * 0.5 * (2 / 3) / (0.5 + 2 / 3))
        # Counts are clipped: a repeated word counts once per reference use.
        self.assertAlmostEqual(rouge1_f1("the the the", "the cat"), 2 * (1 / 3) * 0.5 / (1 / 3 + 0.5))

    def test_headline_stats(self):
        s = headline_stats([("x" * 100, "a b"), ("a b", "a b")])
        self.assertEqual(s["max_chars"], 100)
        self.assertAlmostEqual(s["share_within_limit"], 0.5)
        self.assertAlmostEqual(s["mean_rouge1_f1"], 0.5)


if __name__ == "__main__":
    unittest.main()
