"""Facts as text for `briefing facts --format jsonl|csv|table`."""

from __future__ import annotations

import csv
import io
import json
import re
from collections.abc import Iterable, Iterator
from json.encoder import encode_basestring
from math import isfinite

from briefing.model import Fact, decimal_to_json

CSV_FIELDS = (
    "doc",
    "id",
    "raw",
    "span",
    "value",
    "value_max",
    "unit",
    "measure_word",
    "qualifier",
    "indicator_zh",
    "indicator_en",
    "period",
    "kind",
    "direction",
    "geo",
    "theme",
    "article",
    "sentence",
)
TABLE_FIELDS = ("id", "raw", "value", "unit", "qualifier", "period", "kind", "theme", "geo", "indicator_zh")


_JSON = json.JSONEncoder(ensure_ascii=False)
"""The encoder `json.dumps(..., ensure_ascii=False)` would build anew for every call; kept for the values
`_jsonl_line` hands back to it."""
_STRING = encode_basestring
"""json's own string encoder (the C one where there is one), as `_JSON` quotes every string."""


def facts_to_jsonl(facts: list[Fact]) -> str:
    """One JSON object a line, in the record of DESIGN.md. The lines are joined once, the last line break
    by the empty string after them (adding line breaks to the lines or to the whole copies them again).

    What many facts share is written once: the sentence, the longest field, while the next fact holds
    the very same string (the facts of a sentence do), and each Confidence object (the extractor makes
    a few dozen for thousands of facts; kept by identity for this call, when every fact is alive)."""
    lines = []
    sentence, quoted = None, ""
    confidences: dict[int, str] = {}
    for fact in facts:
        if fact.sentence is not sentence:
            sentence, quoted = fact.sentence, _STRING(fact.sentence)
        c = fact.confidence
        confidence = confidences.get(id(c))
        if confidence is None:
            confidence = confidences[id(c)] = (
                f'{{"period": {_number(c.period)}, "kind": {_number(c.kind)}, "geo": {_number(c.geo)}}}'
            )
        lines.append(_jsonl_line(fact, quoted, confidence))
    lines.append("")
    return "\n".join(lines)


def _jsonl_line(fact: Fact, sentence: str, confidence: str) -> str:
    """`_JSON.encode(fact.to_record())`, the same characters (a test holds it to that), written from the
    fields: the record's dict and the encoder's walk over it cost ~5 µs a fact, a third of `briefing facts`'
    rendering. Strings are quoted by json's own encoder, numbers as json writes them (`_number`);
    `sentence` and `confidence` are the fact's, written."""
    q = _STRING
    by = f', "indicator_en_by": {q(fact.indicator_en_by)}' if fact.indicator_en_by else ""
    direction = "null" if fact.direction is None else q(fact.direction)
    top = "" if fact.value_max is None else f', "value_max": {_number(decimal_to_json(fact.value_max))}'
    return (
        f'{{"doc": {q(fact.doc)}, "id": {q(fact.id)}, "raw": {q(fact.raw)}, '
        f'"span": [{fact.span[0]:d}, {fact.span[1]:d}], "sentence": {sentence}, '
        f'"value": {_number(decimal_to_json(fact.value))}, "unit": {q(fact.unit)}, '
        f'"measure_word": {q(fact.measure_word)}, "qualifier": {q(fact.qualifier)}, '
        f'"indicator_zh": {q(fact.indicator_zh)}, "indicator_en": {q(fact.indicator_en)}{by}, '
        f'"period": {q(fact.period)}, "kind": {q(fact.kind)}, "direction": {direction}, '
        f'"geo": {q(fact.geo)}, "theme": {q(fact.theme)}, "article": {q(fact.article)}{top}, '
        f'"confidence": {confidence}}}'
    )


def _number(value: float) -> str:
    """A number as json writes it: repr, but NaN and the infinities by the encoder's own words."""
    return repr(value) if isfinite(value) else _JSON.encode(value)


def facts_to_csv(facts: list[Fact], *, header: bool = True) -> str:
    """CSV for spreadsheets; no cell can run as a formula there (see `csv_cell`). Without `header`, the
    rows alone: the continuation of a table begun by an earlier call."""
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=CSV_FIELDS, extrasaction="ignore", lineterminator="\n")
    if header:
        writer.writeheader()
    for fact in facts:
        row = fact.to_record()
        row["span"] = f"{fact.span[0]}-{fact.span[1]}"
        row["value_max"] = row.get("value_max", "")
        row["direction"] = row["direction"] or ""
        writer.writerow({name: csv_cell(row.get(name)) for name in CSV_FIELDS})
    return out.getvalue()


_FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
_PLAIN_NUMBER = re.compile(r"[+-]?\d+(?:\.\d+)?(?:[eE][+-]?\d+)?")


def csv_cell(value: object) -> str:
    """The cell text, with a leading apostrophe where a spreadsheet would read it as a formula (OWASP's
    advice on CSV injection: `=`, `+`, `-`, `@`, tab and carriage return at the start). A plain number
    such as -3.5 stays as it is: no spreadsheet runs it, and it must stay a number."""
    text = "" if value is None else str(value)
    if text.startswith(_FORMULA_STARTS) and not _PLAIN_NUMBER.fullmatch(text):
        return "'" + text
    return text


def facts_to_table(facts: list[Fact]) -> str:
    """A plain aligned table for reading in a terminal (widths count CJK characters as two columns)."""
    rows = [TABLE_FIELDS] + [tuple(_cell(f, name) for name in TABLE_FIELDS) for f in facts]
    widths = [max(_width(row[i]) for row in rows) for i in range(len(TABLE_FIELDS))]
    lines = [
        "  ".join(cell + " " * (w - _width(cell)) for cell, w in zip(row, widths, strict=True)).rstrip()
        for row in rows
    ]
    return "\n".join(lines) + "\n"


FORMATS = ("jsonl", "csv", "table")


def format_facts(facts: list[Fact], fmt: str) -> str:
    """Render facts in `fmt` (jsonl, csv or table)."""
    return "".join(format_facts_in_parts([facts], fmt))


def format_facts_in_parts(parts: Iterable[list[Fact]], fmt: str) -> Iterator[str]:
    """The text of `format_facts` over all the parts (a document's facts each), given part by part where
    the format allows: JSONL and CSV rows need nothing from later parts, so a run over a large corpus
    writes each document's facts and lets them go rather than holding every fact of the corpus; the
    table's column widths depend on every row, so it comes whole at the end."""
    if fmt not in FORMATS:
        raise ValueError(f"unknown facts format {fmt!r} (use {', '.join(FORMATS)})")
    if fmt == "table":
        yield facts_to_table([fact for part in parts for fact in part])
    elif fmt == "csv":
        yield facts_to_csv([])  # the header, also when no part has a fact
        for part in parts:
            yield facts_to_csv(part, header=False)
    else:
        for part in parts:
            yield facts_to_jsonl(part)


def _cell(fact: Fact, name: str) -> str:
    if name == "value":
        return str(decimal_to_json(fact.value))
    return str(getattr(fact, name) or "")


def _width(text: str) -> int:
    return sum(2 if "\u2e80" <= ch <= "\uffef" else 1 for ch in text)
