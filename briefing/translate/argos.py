"""The MT backend: an installed Argos zh→en package run directly with CTranslate2 and SentencePiece.

`argostranslate.translate` is never imported: it pulls in stanza/spacy (and through them torch) for
sentence splitting we do ourselves (splitter.py). The model is loaded on the first `translate` call, so
runs whose English comes from templates and the glossary never pay for it.
"""

from __future__ import annotations

import hashlib
import json
import os
import re
from typing import Any

from briefing.translate.models import ModelError, ModelInfo

BEAM_SIZE = 2  # 4 (Argos's default) costs twice the time for little gain on short report sentences
MAX_BATCH_SIZE = 16
MAX_DECODING_LENGTH = 512
LENGTH_PENALTY = 0.2  # as Argos
# Byte-fallback pieces can decode to control characters or broken UTF-8; neither belongs in a PDF.
_UNPRINTABLE = re.compile(r"[\x00-\x08\x0b-\x1f\x7f\ufffd]")


class ArgosBackend:
    def __init__(self, info: ModelInfo, *, beam_size: int = BEAM_SIZE, max_batch_size: int = MAX_BATCH_SIZE):
        self.info = info
        self.beam_size = beam_size
        self.max_batch_size = max_batch_size
        self._translator: Any = None
        self._tokenizer: Any = None
        metadata = json.loads((info.path / "metadata.json").read_text(encoding="utf-8"))
        self._target_prefix: str = metadata.get("target_prefix", "") or ""
        self.identity = self._identity()

    def _identity(self) -> str:
        """Changes when the package is replaced: the memory never serves another model's output."""
        digest = hashlib.sha256(f"{self.info.code}\0{self.info.version}\0{self.info.path.name}".encode())
        for name in ("model/model.bin", "sentencepiece.model"):
            st = (self.info.path / name).stat()
            digest.update(f"\0{st.st_size}\0{st.st_mtime_ns}".encode())
        return f"argos:{self.info.code}:{self.info.version}:{digest.hexdigest()[:12]}"

    def load(self) -> None:
        if self._translator is not None:
            return
        import ctranslate2
        import sentencepiece

        try:
            self._tokenizer = sentencepiece.SentencePieceProcessor(
                model_file=str(self.info.path / "sentencepiece.model")
            )
            self._translator = ctranslate2.Translator(
                str(self.info.path / "model"),
                device="auto",
                compute_type="auto",
                inter_threads=1,
                intra_threads=min(4, os.cpu_count() or 1),
            )
        except (RuntimeError, OSError, ValueError) as exc:
            raise ModelError(f"{self.info.path}: cannot load the translation model ({exc})") from exc

    def translate(self, texts: list[str]) -> list[str]:
        """English for each Chinese text (one sentence or clause each), in order."""
        if not texts:
            return []
        self.load()
        tokens = [self._tokenizer.encode(text, out_type=str) for text in texts]
        order = sorted(range(len(texts)), key=lambda i: len(tokens[i]))  # similar lengths batch well
        out: list[str] = [""] * len(texts)
        for at in range(0, len(order), self.max_batch_size):
            batch = order[at : at + self.max_batch_size]
            longest = max(len(tokens[i]) for i in batch)
            prefix = [[self._target_prefix] for _ in batch] if self._target_prefix else None
            try:
                results = self._translator.translate_batch(
                    [tokens[i] for i in batch],
                    target_prefix=prefix,
                    beam_size=self.beam_size,
                    max_batch_size=self.max_batch_size,
                    max_decoding_length=min(MAX_DECODING_LENGTH, 2 * longest + 10),
                    length_penalty=LENGTH_PENALTY,
                    replace_unknowns=True,
                )
            except (RuntimeError, ValueError) as exc:
                raise ModelError(f"{self.info.path}: translation failed ({exc})") from exc
            for i, result in zip(batch, results, strict=True):
                out[i] = self._decode(result.hypotheses[0])
        return out

    def _decode(self, pieces: list[str]) -> str:
        if self._target_prefix and pieces[:1] == [self._target_prefix]:
            pieces = pieces[1:]
        return _UNPRINTABLE.sub("", self._tokenizer.decode_pieces(pieces)).strip()
