"""Sentence and paragraph splitting with offsets into the original text."""

from __future__ import annotations

from workers.core.sentences import split


class TestSentences:
    def test_offsets_cut_the_original_text(self) -> None:
        text = "Spain and Morocco met. They signed a deal!  Done?"
        assert [text[s.start : s.end] for s in split(text)] == [
            "Spain and Morocco met.",
            "They signed a deal!",
            "Done?",
        ]

    def test_abbreviations_do_not_end_a_sentence(self) -> None:
        text = "The course ran from Oct. 6 to 17. Mr. Diallo said so."
        assert len(split(text)) == 2

    def test_arabic_question_mark_and_line_breaks_end_sentences(self) -> None:
        text = "هل اتفق الطرفان؟ نعم\nوقع الوزيران"
        assert len(split(text)) == 3

    def test_blank_lines_separate_paragraphs(self) -> None:
        text = "One. Two.\n\nThree."
        assert [s.paragraph for s in split(text)] == [0, 0, 1]

    def test_a_hard_wrapped_line_does_not_end_a_sentence(self) -> None:
        text = (
            "Iraq's security adviser met Syrian officials to discuss efforts\nto counter IS.\nNext."
        )
        assert [text[s.start : s.end] for s in split(text)] == [
            "Iraq's security adviser met Syrian officials to discuss efforts\nto counter IS.",
            "Next.",
        ]

    def test_a_line_break_before_a_capital_still_ends_one(self) -> None:
        text = "Title of the report\nThe ministers met in Rabat"
        assert len(split(text)) == 2

    def test_a_quote_opened_with_a_spaced_guillemet_starts_a_sentence(self) -> None:
        text = "L'enquête a débuté en 2023. « Dès le départ, nos partenaires ont aidé », dit-il."
        assert [text[s.start : s.end] for s in split(text)] == [
            "L'enquête a débuté en 2023.",
            "« Dès le départ, nos partenaires ont aidé », dit-il.",
        ]
