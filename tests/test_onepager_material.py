"""Theme briefs for the one-pager tests and bench, built from the gold facts of the two samples (tests/data).

Until the compose stage picks facts itself, this stands in for it with realistic content: the gold
facts' own sentences and labels, their figures written out by `briefing.render`, and each document's
title line and date read from the sample sources. Nothing of those files is copied into code.
Also a synthetic stress brief: hundreds of facts and bullets, very long labels, fifty sources.
(This module holds no tests; the `test_` prefix only marks it as part of the one-pager tests.)
"""

from __future__ import annotations

import json
import re
from collections import defaultdict
from dataclasses import replace
from decimal import Decimal

from conftest import GOLD, SEEDS

from briefing import render
from briefing.model import Bilingual, BriefSentence, Citation, Fact, KeyFigure, ThemeBrief

# The theme names of DESIGN.md (the compose stage reads them from its data file).
THEME_TITLES = {
    "economy": ("经济发展", "Economic development"),
    "consumption_trade": ("消费与开放", "Consumption and opening-up"),
    "culture_tourism": ("文化旅游", "Culture and tourism"),
    "urban_renewal": ("城市更新", "Urban renewal"),
    "environment": ("生态环境", "Environment"),
    "livelihood": ("民生保障", "Livelihood"),
    "regional": ("区域协同", "Regional coordination"),
    "safety": ("安全保障", "Safety"),
    "governance": ("治理改革", "Governance reform"),
}
KIND_ORDER = ("change_pct", "target", "share", "change_abs", "rank", "multiple", "level")


def gold_facts() -> list[Fact]:
    facts = []
    for path in sorted(GOLD.glob("*.jsonl")):
        source = (SEEDS / f"{path.stem}.txt").read_text(encoding="utf-8")
        for n, line in enumerate(path.read_text(encoding="utf-8").splitlines()):
            r = json.loads(line)
            start = max(source.find(r["raw"]), 0)
            facts.append(
                Fact(
                    doc=r["doc"],
                    id=f"{r['doc']}#{n}",
                    raw=r["raw"],
                    span=(start, start + len(r["raw"])),
                    sentence=r["sentence"],
                    value=Decimal(str(r["value"])),
                    unit=r["unit"],
                    measure_word=r["measure_word"],
                    qualifier=r["qualifier"],
                    indicator_zh=r["indicator_zh"],
                    indicator_en=r["indicator_en"],
                    period=r["period"],
                    kind=r["kind"],
                    direction=r["direction"],
                    geo=r["geo"],
                    theme=r["theme"],
                    article=r.get("article", ""),
                )
            )
    return facts


def source_line(doc: str) -> Bilingual:
    """The document's first line and its date, as the compose stage would name it."""
    text = (SEEDS / f"{doc}.txt").read_text(encoding="utf-8")
    title = next(line.strip() for line in text.splitlines() if line.strip())
    date = re.search(r"\d{4}-\d{2}-\d{2}", text)
    when = date.group(0) if date else "日期不详"
    return Bilingual(f"{title}（{when}）", f"{doc} ({date.group(0) if date else 'undated'})")


def key_figure(fact: Fact, citation: int) -> KeyFigure:
    change = None
    if fact.kind in ("change_pct", "change_abs") and fact.direction:
        change = Bilingual(render.render_change_zh(fact), render.render_change_en(fact))
    return KeyFigure(
        fact_id=fact.id,
        indicator=Bilingual(fact.indicator_zh, fact.indicator_en),
        value=Bilingual(render.render_zh(fact), render.render_en(fact)),
        change=change,
        period=Bilingual(
            render.render_period_zh(fact.period), render.render_period_en(fact.period, short=True)
        ),
        theme=fact.theme,
        citation=citation,
    )


def bullet(fact: Fact, citation: int) -> BriefSentence:
    period = render.render_period_en(fact.period, short=True)
    en = f"{fact.indicator_en}: {render.render_en(fact)}" + (f" ({period})" if period else "") + "."
    return BriefSentence(zh=fact.sentence, en=en, facts=[fact.id], citations=[citation])


def theme_brief(theme: str, facts: list[Fact]) -> ThemeBrief:
    """Figures that say most first (changes, targets, shares), one bullet per distinct sentence."""
    ranked = sorted(facts, key=lambda f: KIND_ORDER.index(f.kind))
    citations = [Citation(n + 1, f.doc, f.sentence, f.span, f.article) for n, f in enumerate(ranked)]
    seen: set[str] = set()
    bullets = []
    for n, fact in enumerate(ranked):
        if fact.sentence not in seen:
            seen.add(fact.sentence)
            bullets.append(bullet(fact, n + 1))
    zh, en = THEME_TITLES[theme]
    return ThemeBrief(
        theme=theme,
        title=Bilingual(zh, en),
        kpis=[key_figure(f, n + 1) for n, f in enumerate(ranked[:8])],
        bullets=bullets[:8],
        facts=ranked,
        sources=[source_line(doc) for doc in sorted({f.doc for f in facts})],
        citations=citations,
    )


def realistic_briefs() -> list[ThemeBrief]:
    by_theme: dict[str, list[Fact]] = defaultdict(list)
    for fact in gold_facts():
        by_theme[fact.theme].append(fact)
    return [theme_brief(theme, by_theme[theme]) for theme in THEME_TITLES if by_theme.get(theme)]


def stress_brief() -> ThemeBrief:
    """One theme with 200 facts and bullets, labels far too long for a tile, and 50 sources."""
    facts = gold_facts()
    base = [f for f in facts if f.theme == "environment"]
    many = []
    for n in range(200):
        fact = base[n % len(base)]
        many.append(
            Fact(
                **{
                    **fact.__dict__,
                    "id": f"stress#{n}",
                    "indicator_zh": fact.indicator_zh * 6,
                    "indicator_en": " and ".join([fact.indicator_en] * 5),
                    "sentence": fact.sentence * 3,
                }
            )
        )
    titles = [f.sentence for f in facts[:50]]
    return replace(
        theme_brief("environment", many),
        kpis=[key_figure(f, n + 1) for n, f in enumerate(many)],
        bullets=[bullet(f, n + 1) for n, f in enumerate(many)],
        sources=[
            Bilingual(f"{title}（2025-{1 + n % 12:02d}-{1 + n % 28:02d}）", f"Source document number {n + 1}")
            for n, title in enumerate(titles)
        ],
    )
