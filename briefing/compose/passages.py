"""Parts of a document its headings mark as problems (二、需要关注的主要问题) or plans (三、下半年工作安排).

What a sentence means depends on where it stands: 1000户 under 下半年工作安排 is a target, under
上半年计划执行情况 an achievement. Headings are the writer's own labels, so the passage a heading
governs is classified by words in the heading, and by nothing else.
"""

from __future__ import annotations

from briefing.model import Document


def _matches(heading: str, words: tuple[str, ...], exclude: tuple[str, ...] = ()) -> bool:
    return any(w in heading for w in words) and not any(x in heading for x in exclude)


def passage_sentences(document: Document, words: tuple[str, ...], exclude: tuple[str, ...] = ()) -> set[int]:
    """Indices of the sentences under a section heading or article headline that names one of `words`."""
    ranges = [(s.start, s.end) for s in document.sections if _matches(s.heading, words, exclude)]
    ranges += [(a.start, a.end) for a in document.articles if _matches(a.headline, words, exclude)]
    return {
        sentence.index
        for sentence in document.sentences
        if any(start <= sentence.start < end for start, end in ranges)
    }
