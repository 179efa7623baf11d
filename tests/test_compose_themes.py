"""Theme one-pager material over several sources: each source clause is stated once."""

from __future__ import annotations

from conftest import EXAMPLES, use_private_environment

from briefing.compose import compose_theme_briefs
from briefing.ingest import load_document
from briefing.pipeline import BuildOptions, extract, translation_layer


def test_two_figures_of_one_clause_make_one_bullet_not_two(tmp_path, monkeypatch):
    use_private_environment(monkeypatch, tmp_path)
    layer = translation_layer(BuildOptions())
    items = [
        (doc, extract(doc, layer)) for doc in map(load_document, map(str, sorted(EXAMPLES.glob("*.txt"))))
    ]
    briefs = compose_theme_briefs(items, layer)
    assert briefs
    for brief in briefs:
        texts = [bullet.zh for bullet in brief.bullets]
        assert len(texts) == len(set(texts)), brief.theme
        stated = [fact for bullet in brief.bullets for fact in bullet.facts]
        assert len(stated) == len(set(stated)), brief.theme


def test_tiles_say_whose_what_and_when_in_both_languages_and_charts_need_english():
    from test_compose_helpers import FakeLayer, make_document, make_fact

    texts = {
        "a": "青川县2025年工作报告\n一、回顾\n2025年,青川县茶叶产量增长8.1%。新建茶园步道12公里。\n",
        "b": "剑阁县2025年工作报告\n一、回顾\n2025年,剑阁县蜂蜜产量增长6.3%。新建林区道路40公里。\n",
    }
    places = {"a": ("青川县", "Qingchuan"), "b": ("剑阁县", "Jiange")}
    items = []
    for doc, text in texts.items():
        document = make_document(text, doc=doc, issuer=places[doc][0])
        product = "茶叶产量" if doc == "a" else "蜂蜜产量"
        road = "新建茶园步道" if doc == "a" else "新建林区道路"
        raw_change = "8.1%" if doc == "a" else "6.3%"
        raw_km = "12公里" if doc == "a" else "40公里"
        facts = [
            make_fact(
                document,
                raw_change,
                raw_change[:-1],
                "percent",
                product,
                kind="change_pct",
                direction="up",
                geo=places[doc][0],
                period="2025",
                number=1,
            ),
            make_fact(document, raw_km, raw_km[:-2], "km", road, geo=places[doc][0], period="2025", number=2),
        ]
        items.append((document, facts))
    layer = FakeLayer(
        {
            "青川县": "Qingchuan",
            "剑阁县": "Jiange",
            "茶叶产量": "tea output",
            "蜂蜜产量": "honey output",
            "新建茶园步道": "tea-garden trails built",
        }
    )
    [brief] = compose_theme_briefs(items, layer, themes=["economy"], min_facts=2)
    assert brief.kpis
    for tile in brief.kpis:
        place_zh, place_en = places[tile.fact_id.split("#")[0]]
        assert tile.indicator.zh.startswith(place_zh) and tile.indicator.en.endswith(f"({place_en})")
        assert tile.period.zh and tile.period.en
    assert "b#2" not in {t.fact_id for t in brief.kpis}  # no English subject: no tile
    assert brief.chart is None  # two bars (or bars without English) make no chart


def test_each_theme_composed_apart_is_the_same_page(tmp_path, monkeypatch):
    """`build` gathers the material document by document and composes the themes one at a time: any
    theme, composed alone and in any order, must be the very one-pager composing them all gives."""
    from briefing.compose import ThemeMaterial

    use_private_environment(monkeypatch, tmp_path)
    layer = translation_layer(BuildOptions())
    items = [
        (doc, extract(doc, layer)) for doc in map(load_document, map(str, sorted(EXAMPLES.glob("*.txt"))))
    ]
    together = {brief.theme: brief for brief in compose_theme_briefs(items, layer)}
    assert len(together) > 1
    apart = {}
    for theme in reversed(list(together)):
        material = ThemeMaterial()  # a fresh one each time: nothing carried over from another theme
        for document, facts in items:
            material.add(document, facts)
        apart[theme] = material.compose(theme, layer)
    assert apart == together
    assert all(material.compose(theme, layer, min_facts=10_000) is None for theme in together)


def test_a_news_digest_is_named_in_the_sources_as_its_brief_is(tmp_path, monkeypatch):
    """A digest has no title of its own: its entry names the paper and the day, never a bare date."""
    from briefing.ingest import document_from_text

    use_private_environment(monkeypatch, tmp_path)
    text = (
        "青禾日报 2031年3月4日\n\n"
        "## 青禾新建口袋公园\n\n2031年1-2月，全市新建口袋公园12个，同比增长20%。\n\n"
        "## 青禾地铁客流创新高\n\n2031年1-2月，地铁日均客流达到85万人次，同比增长6%。\n"
    )
    document = document_from_text(text, doc="digest", markdown=True)
    assert document.genre == "news_digest" and not document.title
    layer = translation_layer(BuildOptions())
    briefs = compose_theme_briefs([(document, extract(document, layer))], layer, min_facts=1)
    assert briefs
    for brief in briefs:
        (source,) = brief.sources
        assert source.zh.strip("（）0123456789-年月日") and source.en.strip("() 0123456789-")
