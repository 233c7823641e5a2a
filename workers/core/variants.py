"""Word forms generated from one lexicon entry, so the data files list each name once.

- Arabic: a nisba adjective (``ألماني``) in all its forms (ـية، ـيا، ـيون، ـيين، ـيتين), with or
  without the article; every name that starts with ال also as written after ل (``للمغرب``).
- French and Spanish: demonyms in masculine, feminine and plural (``espagnol(e)(s)``,
  ``algérien(ne)(s)``; ``español(a)(es)``, ``marroquí(es)``).
- Any language: a term ending in ``*`` is a stem and may take suffixes; an Arabic term
  starting with ``^`` is a verb: suffixes and clitics, but not the article (``^بحث`` is
  "discussed", not ``البحث`` "research"); one ending in ``=`` takes no suffix (``زار=``
  "visited", not ``وزارة`` "ministry").
"""

from __future__ import annotations

from workers.core.textmap import fold_key

_NISBA_ENDINGS = ("", "ه", "ا", "ين", "ون", "تين", "تان")


def arabic_nisba(base: str) -> list[str]:
    """``ألماني`` → ألماني، ألمانية، ألمانيين، ألمانيون… and each with ال."""
    stem = fold_key(base)
    forms = [stem + ending for ending in _NISBA_ENDINGS] if stem.endswith("ي") else [stem]
    return forms + ["ال" + form for form in forms]


def arabic_article_forms(term: str) -> list[str]:
    """A name with ال is also written after the preposition ل: المغرب → للمغرب."""
    key = fold_key(term)
    if key.startswith("ال") and len(key) > 3:
        return [key, "لل" + key[2:]]
    return [key]


def french_demonym(base: str) -> list[str]:
    """``espagnol`` → espagnol, espagnole, espagnols, espagnoles."""
    word = fold_key(base)
    if word.endswith("e"):
        return [word, word + "s"]
    if word.endswith(("ien", "en")):
        return [word, word + "ne", word + "s", word + "nes"]
    if word.endswith(("s", "x")):
        return [word, word + "e", word + "es"]
    return [word, word + "e", word + "s", word + "es"]


def spanish_demonym(base: str) -> list[str]:
    """``español`` → español, española, españoles, españolas; ``marroquí`` → marroquíes."""
    word = fold_key(base)
    if word.endswith("o"):
        return [word, word[:-1] + "a", word + "s", word[:-1] + "as"]
    if word.endswith("e"):
        return [word, word + "s"]
    if word.endswith(("i", "u")):
        return [word, word + "es"]
    return [word, word + "a", word + "es", word + "as"]


def demonym_forms(language: str, base: str) -> list[str]:
    """Every form of a demonym in ``language``."""
    if language == "ar":
        return [form for nisba in arabic_nisba(base) for form in arabic_article_forms(nisba)]
    if language == "fr":
        return french_demonym(base)
    if language == "es":
        return spanish_demonym(base)
    return [base]  # English demonyms do not inflect; kept as written (``US`` is cased)


EXACT, VERB, STEM = 0, 1, 2
"""How a key may be extended: not at all, by suffixes and clitics, or also by the article."""


def term_forms(language: str, term: str, default: int = EXACT) -> tuple[list[str], int]:
    """The keys for one term and how they may be extended (``*`` at the end: a stem;
    ``^`` at the start: an Arabic verb; ``=`` at the end: exactly; else ``default``)."""
    mode = VERB if term.startswith("^") else STEM if term.endswith("*") else default
    mode = EXACT if term.endswith("=") else mode
    term = term.strip("*^=")
    if language == "ar":
        return arabic_article_forms(term), mode
    return [term], mode  # folded by the matcher, which keeps acronyms' case
