"""Installing and finding Argos packages: the real archive format, bad archives refused clearly."""

from __future__ import annotations

import json
import zipfile
from pathlib import Path

import pytest
from argos_test_model import build_package

from briefing.translate.models import ModelError, find_zh_en, install_model, list_models

pytest_plugins = ["argos_test_model"]  # argos_archive, packages_dir, installed_model


def test_install_and_discover(installed_model: Path, packages_dir: Path) -> None:
    assert installed_model.parent == packages_dir
    (info,) = list_models()
    assert info.code == "zh-en" and info.usable and info.path == installed_model
    assert find_zh_en() == info
    assert find_zh_en(installed_model) == info  # a package folder given directly


def test_reinstall_replaces_the_old_copy(argos_archive: Path, installed_model: Path) -> None:
    (installed_model / "stale.txt").write_text("old")
    again = install_model(str(argos_archive))
    assert again.path == installed_model and not (installed_model / "stale.txt").exists()
    assert [p.name for p in installed_model.parent.iterdir()] == [installed_model.name]


def test_broken_package_folder_is_skipped(installed_model: Path, packages_dir: Path) -> None:
    (packages_dir / "junk").mkdir()
    (packages_dir / "bad-json").mkdir()
    (packages_dir / "bad-json" / "metadata.json").write_text("{not json")
    assert find_zh_en() is not None and find_zh_en().path == installed_model


def _rezip(source: Path, target: Path, rename=lambda n: n, drop=(), metadata: dict | None = None) -> Path:
    with zipfile.ZipFile(source) as src, zipfile.ZipFile(target, "w") as out:
        for member in src.infolist():
            if any(member.filename.endswith(d) for d in drop):
                continue
            data = src.read(member)
            if metadata is not None and member.filename.endswith("metadata.json"):
                data = json.dumps(metadata).encode()
            out.writestr(rename(member.filename), data)
    return target


def test_wrong_direction_is_refused(argos_archive: Path, packages_dir: Path, tmp_path: Path) -> None:
    bad = _rezip(argos_archive, tmp_path / "en_de.argosmodel", metadata={"from_code": "en", "to_code": "de"})
    with pytest.raises(ModelError, match="en→de, briefing needs zh→en") as info:
        install_model(str(bad))
    assert str(bad) in str(info.value)
    assert list(packages_dir.iterdir()) == []


def test_other_language_package_is_listed_but_not_used(packages_dir: Path, tmp_path: Path) -> None:
    archive = build_package(tmp_path / "de", to_code="de")
    with zipfile.ZipFile(archive) as zf:
        zf.extractall(packages_dir)
    (info,) = list_models()
    assert info.code == "zh-de" and not info.usable
    assert find_zh_en() is None


@pytest.mark.parametrize(
    ("rename", "drop", "message"),
    [
        (lambda n: "../" + n, (), "unsafe path"),
        (lambda n: "/" + n, (), "unsafe path"),
        (lambda n: n.split("/", 1)[1] if n.count("/") > 1 else n, (), "one top folder"),
        (lambda n: n, ("model.bin",), "missing model/model.bin"),
        (lambda n: n, ("sentencepiece.model",), "missing sentencepiece.model"),
    ],
)
def test_unsafe_or_incomplete_archives_are_refused(
    argos_archive: Path, packages_dir: Path, tmp_path: Path, rename, drop, message: str
) -> None:
    bad = _rezip(argos_archive, tmp_path / "bad.argosmodel", rename=rename, drop=drop)
    with pytest.raises(ModelError, match=message):
        install_model(str(bad))
    assert list(packages_dir.iterdir()) == []
    assert not (tmp_path / "metadata.json").exists()


def test_corrupt_and_missing_files(packages_dir: Path, tmp_path: Path) -> None:
    corrupt = tmp_path / "corrupt.argosmodel"
    corrupt.write_bytes(b"PK\x03\x04 this is not really a zip archive")
    with pytest.raises(ModelError, match=r"not a valid \.argosmodel"):
        install_model(str(corrupt))
    with pytest.raises(ModelError, match="no such file"):
        install_model(str(tmp_path / "absent.argosmodel"))
    with pytest.raises(ModelError, match="unknown model"):
        install_model("fr-en")


def test_offline_index_is_one_clear_line(
    packages_dir: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from argostranslate import settings

    monkeypatch.setattr(settings, "remote_package_index", (tmp_path / "nowhere" / "index.json").as_uri())
    monkeypatch.setattr(settings, "local_package_index", tmp_path / "index.json")
    with pytest.raises(ModelError, match="offline") as info:
        install_model("zh-en")
    assert "\n" not in str(info.value)
