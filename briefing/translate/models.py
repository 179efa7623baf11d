"""Argos Translate packages: list the installed ones, find the zh→en one, install new ones safely.

Argos's own `install_from_path` extracts archives unchecked and imports `argostranslate.translate`
(stanza, spacy, torch), so installation is done here: the archive is validated (one top folder, no
absolute or `..` paths, no links, metadata.json saying zh→en, a CTranslate2 `model/` and a
`sentencepiece.model`) and extracted into a temporary folder that is renamed into place.
Package folders follow Argos's settings: ARGOS_PACKAGES_DIR, else $XDG_DATA_HOME/argos-translate/packages.
"""

from __future__ import annotations

import json
import os
import shutil
import stat
import tempfile
from dataclasses import dataclass
from pathlib import Path, PurePosixPath

from briefing.atomic import sweep_leftovers

FROM_CODE, TO_CODE = "zh", "en"
MAX_UNPACKED_BYTES = 4 * 1024**3  # a zh→en model is ~100 MB; anything near this is a zip bomb
REQUIRED_FILES = ("metadata.json", "sentencepiece.model", "model/model.bin")


class ModelError(Exception):
    """A model that cannot be found, installed or loaded; the message is one line for the user."""


class ModelsFolderError(ModelError):
    """The packages folder itself is unusable (a file, or not writable): an environment problem."""


@dataclass(frozen=True)
class ModelInfo:
    code: str  # "zh-en"
    from_code: str
    to_code: str
    version: str
    path: Path
    name: str = ""

    @property
    def usable(self) -> bool:
        """A zh→en package with the files the backend loads."""
        return (self.from_code, self.to_code) == (FROM_CODE, TO_CODE) and all(
            (self.path / name).exists() for name in REQUIRED_FILES
        )


def packages_dir() -> Path:
    """Where Argos keeps installed packages, read at call time (Argos reads its settings once, at import)."""
    default = Path(os.getenv("XDG_DATA_HOME", default=Path.home() / ".local" / "share")) / "argos-translate"
    try:
        from argostranslate import settings  # creates its folders on import: fails on a read-only home
    except OSError:
        return Path(os.getenv("ARGOS_PACKAGES_DIR", default=default / "packages"))
    return Path(settings.get_setting("ARGOS_PACKAGES_DIR", default=default / "packages"))


def list_models(search_dir: Path | None = None) -> list[ModelInfo]:
    """Installed Argos packages (every language pair), zh→en first. Broken package folders are skipped."""
    folder = Path(search_dir) if search_dir is not None else packages_dir()
    if (folder / "metadata.json").is_file():  # a package folder itself
        return [info for info in [_info(folder)] if info]
    if folder.exists() and not folder.is_dir():
        raise ModelsFolderError(f"{folder}: the translation models folder is a file, not a folder")
    if not folder.is_dir():
        return []
    subfolders = sorted(path for path in folder.iterdir() if path.is_dir())
    if not subfolders:  # nothing installed: no need to import Argos (it pulls in urllib, http, ssl)
        return []
    try:
        from argostranslate import package

        packages = package.get_installed_packages([folder])
        found = [_info(Path(p.package_path)) for p in packages]
    except (OSError, ValueError, KeyError):
        # One folder without a valid metadata.json makes Argos give up on all of them; read them one by one.
        found = [_info(path) for path in subfolders]
    infos = [info for info in found if info is not None]
    return sorted(infos, key=lambda i: (not i.usable, i.code, i.path.name))


def find_zh_en(search_dir: Path | None = None) -> ModelInfo | None:
    return next((info for info in list_models(search_dir) if info.usable), None)


def _info(path: Path) -> ModelInfo | None:
    try:
        metadata = json.loads((path / "metadata.json").read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    if not isinstance(metadata, dict):
        return None
    from_code, to_code = str(metadata.get("from_code", "")), str(metadata.get("to_code", ""))
    return ModelInfo(
        code=f"{from_code}-{to_code}",
        from_code=from_code,
        to_code=to_code,
        version=str(metadata.get("package_version", "")),
        path=path,
        name=f"{metadata.get('from_name', from_code)} → {metadata.get('to_name', to_code)}",
    )


def install_model(spec: str) -> ModelInfo:
    """Install `zh-en` from Argos's package index (needs the network) or a local `.argosmodel` file."""
    path = Path(spec).expanduser()
    if path.suffix == ".argosmodel" or path.exists():
        return install_file(path)
    if spec.replace("_", "-").lower() != f"{FROM_CODE}-{TO_CODE}":
        raise ModelError(f"unknown model {spec!r}: give zh-en or the path of a .argosmodel file")
    return install_file(_download_zh_en())


def _download_zh_en() -> Path:
    import logging

    from argostranslate import package, settings

    # Argos logs network errors through Python's last-resort handler, which would print a raw
    # exception tuple on stderr above our own one-line message.
    logging.getLogger("argostranslate").addHandler(logging.NullHandler())
    index = Path(settings.local_package_index)
    try:
        index.unlink(missing_ok=True)  # a stale index would hide that the network is unreachable
        package.update_package_index()  # logs and returns on network errors instead of raising
        if not index.exists():
            raise ModelError(
                f"cannot download the Argos package index from {settings.remote_package_index} (offline?); "
                "get zh_en.argosmodel elsewhere and run `briefing models install FILE.argosmodel`"
            )
        available = [
            p for p in package.get_available_packages() if (p.from_code, p.to_code) == (FROM_CODE, TO_CODE)
        ]
    except ModelError:
        raise
    except Exception as exc:  # Argos raises bare Exceptions for network and index problems
        raise ModelError(f"cannot read the Argos package index ({exc})") from exc
    if not available:
        raise ModelError("the Argos package index lists no zh→en package")
    try:
        return Path(available[0].download())
    except Exception as exc:
        raise ModelError(f"download of the zh→en model failed ({exc})") from exc


def install_file(archive: Path) -> ModelInfo:
    """Validate and extract an `.argosmodel` archive into the packages folder (replacing an older copy)."""
    import zipfile  # here, not at the top: finding the installed model (every run) needs none of it

    top = _validate_archive(archive)
    target_root = packages_dir()
    try:
        target_root.mkdir(parents=True, exist_ok=True)
        sweep_leftovers(target_root)  # staging folders of installs that were killed
        staging = Path(tempfile.mkdtemp(prefix=f".installing-{os.getpid()}-", dir=target_root))
    except OSError as exc:
        raise ModelsFolderError(
            f"{target_root}: cannot install translation models there ({exc.strerror or exc})"
        ) from None
    try:
        with zipfile.ZipFile(archive) as zf:
            for member in zf.infolist():
                destination = staging.joinpath(*PurePosixPath(member.filename).parts)
                if member.is_dir():
                    destination.mkdir(parents=True, exist_ok=True)
                    continue
                destination.parent.mkdir(parents=True, exist_ok=True)
                with zf.open(member) as source, open(destination, "wb") as out:
                    shutil.copyfileobj(source, out)
        final = target_root / top
        if final.exists():
            old = target_root / f".old-{os.getpid()}-{top}"
            final.rename(old)
            (staging / top).rename(final)
            shutil.rmtree(old, ignore_errors=True)
        else:
            (staging / top).rename(final)
    except (OSError, zipfile.BadZipFile) as exc:
        raise ModelError(f"{archive}: installation failed ({exc})") from exc
    finally:
        shutil.rmtree(staging, ignore_errors=True)
    info = _info(final)
    assert info is not None  # validated above
    return info


def _validate_archive(archive: Path) -> str:
    """The archive's single top folder; ModelError naming the file and the problem otherwise."""
    import zipfile

    if not archive.is_file():
        raise ModelError(f"{archive}: no such file")
    try:
        with zipfile.ZipFile(archive) as zf:
            members = zf.infolist()
            tops: set[str] = set()
            total = 0
            for member in members:
                parts = PurePosixPath(member.filename.replace("\\", "/")).parts
                if not parts or member.filename.startswith(("/", "\\")) or ".." in parts or ":" in parts[0]:
                    raise ModelError(f"{archive}: unsafe path {member.filename!r} in archive")
                if stat.S_ISLNK(member.external_attr >> 16):
                    raise ModelError(f"{archive}: archive contains a link ({member.filename})")
                tops.add(parts[0])
                total += member.file_size
            if total > MAX_UNPACKED_BYTES:
                raise ModelError(f"{archive}: archive would unpack to {total} bytes; refusing")
            if len(tops) != 1:
                raise ModelError(f"{archive}: expected one top folder in the archive, found {len(tops)}")
            top = tops.pop()
            names = {m.filename.rstrip("/") for m in members}
            missing = [name for name in REQUIRED_FILES if f"{top}/{name}" not in names]
            if missing:
                raise ModelError(f"{archive}: not an Argos zh→en package (missing {', '.join(missing)})")
            try:
                metadata = json.loads(zf.read(f"{top}/metadata.json").decode("utf-8"))
            except (ValueError, UnicodeDecodeError) as exc:
                raise ModelError(f"{archive}: metadata.json is not valid JSON ({exc})") from exc
    except zipfile.BadZipFile as exc:
        raise ModelError(f"{archive}: not a valid .argosmodel (zip) file ({exc})") from exc
    except OSError as exc:
        raise ModelError(f"{archive}: cannot read ({exc})") from exc
    if not isinstance(metadata, dict):
        raise ModelError(f"{archive}: metadata.json must be an object")
    direction = (metadata.get("from_code"), metadata.get("to_code"))
    if direction != (FROM_CODE, TO_CODE):
        raise ModelError(f"{archive}: translates {direction[0]}→{direction[1]}, briefing needs zh→en")
    return top
