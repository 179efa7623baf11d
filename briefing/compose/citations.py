"""Numbered citations: each source sentence a brief relies on is quoted once, numbered in reading order."""

from __future__ import annotations

from briefing.compose.salience import sentence_of
from briefing.model import Citation, Document, Fact, Sentence


class Citations:
    """Hands out citation numbers from 1; a sentence cited twice keeps its first number."""

    def __init__(self) -> None:
        self.items: list[Citation] = []
        self._numbers: dict[tuple[str, int], int] = {}

    def sentence(self, document: Document, sentence: Sentence) -> int:
        key = (document.doc, sentence.start)
        if key not in self._numbers:
            number = len(self.items) + 1
            self._numbers[key] = number
            self.items.append(
                Citation(
                    number=number,
                    doc=document.doc,
                    sentence=sentence.text,
                    span=(sentence.start, sentence.end),
                    heading=document.heading_of(sentence),
                )
            )
        return self._numbers[key]

    def facts(self, documents: dict[str, Document], facts: list[Fact]) -> list[int]:
        """Numbers of the sentences stating `facts` (each once, in first-seen order)."""
        numbers: list[int] = []
        for fact in facts:
            document = documents[fact.doc]
            sentence = sentence_of(document, fact)
            if sentence is None:
                continue
            number = self.sentence(document, sentence)
            if number not in numbers:
                numbers.append(number)
        return numbers
