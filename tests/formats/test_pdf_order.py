"""The check that text not redacted reads back in the same order (pdf_order)."""

from __future__ import annotations

from redactor.formats.pdf_order import compare_pages, redacted_words, words

LONG = " ".join(f"word{n}" for n in range(200))


def test_words_ignore_case_punctuation_and_spacing():
    assert words("Dear  Mrs Smith,\nthank-you.") == ["dear", "mrs", "smith", "thank", "you"]


def test_a_word_hyphenated_at_a_line_end_is_one_word():
    assert words("adip-\niscing elit") == ["adipiscing", "elit"]


def test_a_redacted_hyphenated_name_is_also_known_whole():
    assert redacted_words("Evie-Rose") == {"evie", "rose", "evierose"}


def test_redacted_words_and_labels_do_not_count():
    before = ["Dear Olivia Smith, your child was late today."]
    after = ["Dear [NAME], your child was late today."]
    (page,) = compare_pages(before, after, redacted_words("Olivia Smith"))
    assert page.intact and page.expected == page.kept == 6


def test_a_lost_line_on_a_short_page_fails():
    before = ["Dear Olivia, your child was late today. Please ring the office."]
    after = ["Dear [NAME], your child was late today."]
    (page,) = compare_pages(before, after, {"olivia"})
    assert not page.intact


def test_one_word_read_differently_on_a_short_page_passes():
    # An extractor may read a cut word as two ("Olivia's" without "Olivia" is "s").
    (page,) = compare_pages(["the bag of Olivia's friend"], ["the bag of 's friend"], {"olivia"})
    assert page.intact
    (page,) = compare_pages(["a b c d"], ["a c"], set())
    assert not page.intact


def test_a_long_page_tolerates_two_percent_and_no_more():
    kept = LONG.split()
    three_lost = " ".join(kept[:50] + kept[53:])
    five_lost = " ".join(kept[:50] + kept[55:])
    assert compare_pages([LONG], [three_lost], set())[0].intact
    assert not compare_pages([LONG], [five_lost], set())[0].intact


def test_text_out_of_order_fails():
    halves = LONG.split()
    swapped = " ".join(halves[100:] + halves[:100])
    assert not compare_pages([LONG], [swapped], set())[0].intact


def test_an_empty_page_is_intact():
    (page,) = compare_pages([""], [""], set())
    assert page.intact and page.share == 1.0
