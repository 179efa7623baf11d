"""Sources in legacy Chinese encodings are read as the Chinese they are.

- A short GBK text (a title, a one-line note) is ambiguous: a general detector reads these bytes as
  Korean (cp949). Sources are Chinese documents, so the Chinese encodings are tried first.
- A web page that declares its charset is decoded in it, even when its bytes happen to be valid UTF-8:
  the GBK codes of some characters are also well-formed UTF-8 sequences, which read as Latin, Greek
  and Cyrillic letters.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from briefing.ingest import load_document

# Invented lines; each check below shows first that the bytes really are ambiguous.
SHORT_LINES = ["公园绿地面积增加", "城市更新", "文化旅游"]
UTF8_LOOKALIKE = "太平山小学委员12位"  # the GBK code of each Chinese character is a valid UTF-8 pair


@pytest.mark.parametrize("line", SHORT_LINES)
def test_a_short_gbk_text_is_read_as_chinese(tmp_path: Path, line: str) -> None:
    from charset_normalizer import from_bytes

    data = f"{line}\n".encode("gbk")
    general = from_bytes(data).best()
    assert general is None or str(general) != f"{line}\n"  # the premise: a general guess goes wrong
    path = tmp_path / "note.txt"
    path.write_bytes(data)
    document = load_document(str(path))
    assert document.text == f"{line}\n"
    assert document.encoding in ("gb18030", "gbk", "gb2312")


@pytest.mark.parametrize(
    "declaration",
    ['<meta charset="gbk">', '<meta http-equiv="Content-Type" content="text/html; charset=gb2312">'],
    ids=["meta-charset", "http-equiv"],
)
def test_a_page_is_decoded_in_the_charset_it_declares(tmp_path: Path, declaration: str) -> None:
    data = UTF8_LOOKALIKE.encode("gbk")
    assert data.decode("utf-8") != UTF8_LOOKALIKE  # the premise: the bytes read as (wrong) UTF-8
    page = (
        f"<!DOCTYPE html><html><head>{declaration}<title>{UTF8_LOOKALIKE}</title></head>"
        f"<body><article><h1>{UTF8_LOOKALIKE}</h1><p>{UTF8_LOOKALIKE}</p></article></body></html>"
    )
    page.encode("gbk").decode("utf-8")  # the whole page is valid UTF-8: only the declaration tells
    path = tmp_path / "page.html"
    path.write_bytes(page.encode("gbk"))
    document = load_document(str(path))
    assert UTF8_LOOKALIKE in document.text
    assert "12位" in document.text and "ȫ" not in document.text
