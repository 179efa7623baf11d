"""The problems a document admits to, from the passages under headings such as 需要关注的主要问题.

Writers of these reports state each problem in a short topic sentence (一是发展环境面临的不确定性加剧。)
after an overview; those sentences are the risk section's backbone, and the figures of the passage
(实际使用外资同比下降66%) are stated beside them through the fact templates.
"""

from __future__ import annotations

from briefing.compose.passages import passage_sentences
from briefing.compose.settings import settings
from briefing.model import Document, Sentence

MAX_POINT_CHARS = 160  # longer "points" are paragraphs that merely begin with 一是


def risk_passage(document: Document) -> set[int]:
    s = settings()
    return passage_sentences(document, s.risk_heading_words, s.risk_heading_exclude)


def risk_points(
    document: Document, passage: set[int], with_facts: set[int], ranks: dict[int, float]
) -> list[Sentence]:
    """Sentences naming the problems, in source order: the passage's overview and each marked point.

    Without point markers, the passage's best TextRank sentences stand in for them. Sentences that
    carry figures are left to the fact templates (`with_facts`).
    """
    body = [
        document.sentences[i]
        for i in sorted(passage)
        if not document.sentences[i].is_heading and i not in with_facts
    ]
    markers = settings().risk_point_markers
    points = [s for s in body if s.text.startswith(markers) and len(s.text) <= MAX_POINT_CHARS]
    if not points:
        limit = settings().limits.risks_max // 2
        points = sorted(sorted(body, key=lambda s: -ranks.get(s.index, 0.0))[:limit], key=lambda s: s.index)
    overview = body[0] if body and body[0] not in points and len(body[0].text) <= MAX_POINT_CHARS else None
    return ([overview] if overview else []) + points
