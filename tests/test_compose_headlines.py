"""A news headline's English gist with no translation model: the sentence of a fact the headline states,
else the glossary's English of the whole headline, else none, said plainly; never passed off as MT.
Headlines, outlets, places and figures below are invented for the tests."""

from __future__ import annotations

from test_compose_helpers import FakeLayer, make_document, make_fact

from briefing.compose import compose_brief
from briefing.compose.english import problems
from briefing.compose.headlines import headline_facts, headline_gist, split_kicker
from briefing.compose.realise import Realiser
from briefing.model import Article

GLOSSARY = {
    "松江市": "Songjiang",
    "晨光日报": "Morning Light Daily",
    "新建口袋公园": "new pocket parks built",
}

DIGEST = (
    "今年前10月松江市新建口袋公园37处\n本报讯 公园建设有序推进。\n"
    "老街巷焕发新活力\n本报讯 街巷整治持续推进。\n"
    "新建口袋公园（权威发布）\n本报讯 又一批公园开放。\n"
)


def _digest():
    document = make_document(DIGEST, doc="dg", date="2025-11-20", issuer="")
    document.genre, document.source = "news_digest", "晨光日报"
    starts = [DIGEST.index(h) for h in ("今年前10月", "老街巷", "新建口袋公园（")]
    headlines = ["今年前10月松江市新建口袋公园37处", "老街巷焕发新活力", "新建口袋公园（权威发布）"]
    ends = [*starts[1:], len(DIGEST)]
    document.articles = [Article(h, s, e) for h, s, e in zip(headlines, starts, ends, strict=True)]
    fact = make_fact(
        document, "37处", "37", "item", "新建口袋公园", geo="松江市", period="2025-01/2025-10", number=1
    )
    return document, fact


def test_a_column_tag_is_named_in_english_when_known_and_left_out_when_not():
    assert split_kicker("新建口袋公园（权威发布）") == ("新建口袋公园", "official release")
    assert split_kicker("河畔步道  焕然一新（探访·滨水空间）") == ("河畔步道  焕然一新", "on the scene")
    assert split_kicker("河畔步道焕然一新（某某专栏）") == ("河畔步道焕然一新", "")
    assert split_kicker("河畔步道焕然一新") == ("河畔步道焕然一新", "")


def test_a_digest_lists_gists_of_its_headlines_and_counts_those_without_english():
    document, fact = _digest()
    brief = compose_brief(document, [fact], FakeLayer(GLOSSARY))
    contents = brief.sections[0].sentences[0]
    assert contents.en_by == "composed"
    gists = contents.en.split(": ", 1)[1]
    by_fact, by_label, rest = gists.split("; ")
    # the headline's figure is said as the fact's sentence: subject, place and period, figure exact
    assert by_fact.startswith("new pocket parks built") and "37 in January–October 2025" in by_fact
    assert not problems(by_fact, [fact])
    # a headline the glossary covers whole keeps that English, its column tag in brackets
    assert by_label == "new pocket parks built (official release)"
    assert rest.startswith("1 more headline has no English")


def test_a_headline_whose_figure_is_no_fact_gets_no_gist_from_the_body():
    text = DIGEST.replace("又一批公园开放", "又一批公园开放，累计37处")
    document = make_document(text, doc="dg", date="2025-11-20", issuer="")
    document.genre, document.source = "news_digest", "晨光日报"
    document.articles = [Article(a.headline, a.start, a.end) for a in _digest()[0].articles]
    # the same figure stated in an article's body, not in its headline line, makes no gist
    body_fact = make_fact(
        document, "37处", "37", "item", "新建口袋公园", geo="松江市", after="累计", number=1
    )
    first = document.articles[0]
    assert headline_facts(document, first.headline, [body_fact], first.start) == []
    in_headline = make_fact(document, "37处", "37", "item", "新建口袋公园", geo="松江市", number=2)
    assert headline_facts(document, first.headline, [body_fact, in_headline], first.start) == [in_headline]


def test_a_digest_without_any_gist_says_its_headlines_have_no_english():
    document, fact = _digest()
    brief = compose_brief(document, [fact], FakeLayer({"晨光日报": "Morning Light Daily"}))
    contents = brief.sections[0].sentences[0]
    assert contents.en_by == "untranslated" and "3 articles" in contents.en and "no English" in contents.en


def test_a_news_article_title_without_english_is_outlet_date_and_gist():
    text = "松江市新建口袋公园37处（探访·城市绿地）\n本报记者 某某\n今年以来公园建设有序推进。\n"
    document = make_document(text, doc="art", date="2025-11-20", issuer="晨光日报")
    document.genre = "news_article"
    document.articles = [Article(document.title, 0, len(text))]
    fact = make_fact(document, "37处", "37", "item", "新建口袋公园", geo="松江市", period="2025", number=1)
    brief = compose_brief(document, [fact], FakeLayer(GLOSSARY))
    lead, gist = brief.title.en.split(": ", 1)
    assert lead == "Morning Light Daily, 20 November 2025"
    assert "37" in gist and gist.endswith("(on the scene)")
    assert not problems(gist.removesuffix(" (on the scene)"), [fact])


def test_with_a_model_the_headline_keeps_the_models_english():
    document, fact = _digest()
    mt = {"老街巷焕发新活力": "Old lanes take on new life"}
    brief = compose_brief(document, [fact], FakeLayer(GLOSSARY, mt=mt))
    assert "Old lanes take on new life" in brief.sections[0].sentences[0].en


def test_a_headline_fact_whose_period_is_in_doubt_makes_no_gist():
    document, fact = _digest()
    realiser = Realiser(FakeLayer(GLOSSARY), None, 2025, {document.doc: document})
    first = document.articles[0]
    assert "37" in headline_gist(document, first.headline, [fact], realiser, first.start).en
    fresh = Realiser(FakeLayer(GLOSSARY), None, 2025, {document.doc: document})
    fresh.doubts[fact.id] = {"period"}
    assert headline_gist(document, first.headline, [fact], fresh, first.start).en_by == "untranslated"
