"""Which component a page looks like, from its text: the catalog's title phrases found in it.

The match ignores diacritics, case, punctuation and line breaks: both sides become bare
lowercase ASCII words, and a phrase matches where its words follow one another in the page's
reading order, one letter of difference allowed in a word of four letters or more (what OCR
gets wrong on a smudged word). Only the top 40% of a page is looked at (what a title read
covers, station.ocr.read_title, so its suggestion is the whole page's), and of several
matches the topmost wins: a form's title heads it, while the same words further down (an
attachment list) only name other papers. A longer phrase beats one it contains ("BẢN SAO GIẤY
KHAI SINH" over "GIẤY KHAI SINH").

A suggestion is only that: the clerk accepts it, nothing here tags a page.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

from station.model import Procedure
from station.ocr.model import PageText

HIGH_TOP = 0.4  # a title in the top 40% of the page, read exactly, is a confident match
SUGGEST_TOP = 0.4  # lower down, the words name other papers (attachment lists)
TITLE_TAIL = 3  # words a title line may carry after the phrase ("CĂN CƯỚC CÔNG DÂN")
_WORD = re.compile(r"[a-z0-9]+")


@dataclass(frozen=True)
class Suggestion:
    component_code: str
    phrase: str  # the catalog's phrase that matched
    confidence: float  # 0..1
    # exact words heading their own line in the top of the page, with no other component's
    # phrase above: a title, not the same words inside a sentence ("Về việc cấp Giấy ...")
    high: bool


@dataclass(frozen=True)
class _Hit:
    component_code: str
    phrase: str
    start: int  # index of the first matched word
    length: int
    errors: int  # words matched with one letter of difference
    top: float  # the first word's top, as a fraction of the page's height


def fold(text: str) -> list[str]:
    """Bare words: no diacritics (đ is d), lowercase, punctuation and line breaks dropped."""
    decomposed = unicodedata.normalize("NFD", text.replace("đ", "d").replace("Đ", "D"))
    bare = "".join(c for c in decomposed if not unicodedata.combining(c)).lower()
    return _WORD.findall(bare)


def suggest(procedure: Procedure, text: PageText) -> Suggestion | None:
    words: list[str] = []
    tops: list[float] = []
    lines: list[int] = []
    for word in text.words:
        for part in fold(word.text):
            words.append(part)
            tops.append(word.top / max(text.height, 1))
            lines.append(word.line)
    hits = [
        hit
        for component in procedure.components
        for phrase in component.title_phrases
        for hit in _find(component.code, phrase, words, tops)
        if hit.top <= min(SUGGEST_TOP, text.extent)
    ]
    if not hits:
        return None
    hits = [h for h in hits if not any(_inside(h, other) for other in hits)]
    best = min(hits, key=lambda h: (h.start, h.errors))
    others_above = any(
        h.component_code != best.component_code and h.top <= best.top for h in hits if h != best
    )
    exact = best.errors == 0
    end = best.start + best.length
    heads_line = best.start == 0 or lines[best.start - 1] != lines[best.start]
    tail = sum(1 for line in lines[end:] if line == lines[end - 1])
    titled = heads_line and tail <= TITLE_TAIL
    high = exact and titled and best.top <= HIGH_TOP and not others_above
    confidence = (1.0 if exact else 1.0 - best.errors / (best.length + 1)) * (
        1.0 if titled else 0.7
    )
    return Suggestion(best.component_code, best.phrase, round(confidence, 2), high)


def _find(code: str, phrase: str, words: list[str], tops: list[float]) -> list[_Hit]:
    wanted = fold(phrase)
    if not wanted:
        return []
    found = []
    for start in range(len(words) - len(wanted) + 1):
        errors = 0
        for offset, target in enumerate(wanted):
            seen = words[start + offset]
            if seen == target:
                continue
            if len(target) >= 4 and _one_edit(seen, target):
                errors += 1
                continue
            break
        else:
            if errors <= len(wanted) // 3:
                found.append(_Hit(code, phrase, start, len(wanted), errors, tops[start]))
    return found


def _inside(hit: _Hit, other: _Hit) -> bool:
    """`hit` lies within a longer match `other` (of the same words)."""
    return (
        other.length > hit.length
        and other.start <= hit.start
        and hit.start + hit.length <= other.start + other.length
    )


def _one_edit(a: str, b: str) -> bool:
    """Levenshtein distance at most one."""
    if abs(len(a) - len(b)) > 1:
        return False
    if len(a) == len(b):
        return sum(x != y for x, y in zip(a, b, strict=True)) <= 1
    short, long = (a, b) if len(a) < len(b) else (b, a)
    return any(long[:i] + long[i + 1 :] == short for i in range(len(long)))
