"""A tiny but real Argos zh→en package for tests and the bench.

No model hub is reachable, so the package is built on the spot: a SentencePiece model trained on the
sample documents (byte fallback on, so any Chinese character encodes) and a one-layer CTranslate2
Transformer whose weights are small seeded random numbers, written by a `Converter` subclass exactly as
a real converter writes a real model. Its English is gibberish, but discovery, loading, tokenising,
batching and decoding are the production code paths; tests assert on structure, placeholders and numbers.
"""

from __future__ import annotations

import io
import json
import zipfile
from pathlib import Path

import numpy as np
import pytest
import sentencepiece as spm
from ctranslate2.converters import Converter
from ctranslate2.specs import TransformerSpec
from ctranslate2.specs.model_spec import index_spec, visit_spec

ROOT = Path(__file__).resolve().parent.parent
SAMPLES = sorted((ROOT / "examples").glob("*.txt"))
PACKAGE_NAME = "translate-zh_en-test"
D_MODEL, FFN, HEADS, LAYERS = 32, 64, 2, 1
VOCAB_SIZE = 1400
SEED = 20250917
EOS_BIAS = 3.0


def train_tokenizer(corpus: list[str]) -> bytes:
    model = io.BytesIO()
    spm.SentencePieceTrainer.train(
        sentence_iterator=iter(corpus),
        model_writer=model,
        vocab_size=VOCAB_SIZE,
        model_type="unigram",
        byte_fallback=True,
        character_coverage=0.98,
        hard_vocab_limit=False,
        num_threads=1,
        minloglevel=2,
    )
    return model.getvalue()


class RandomTransformerConverter(Converter):
    """Fills a TransformerSpec with seeded random weights of the right shapes."""

    def __init__(self, vocabulary: list[str], seed: int = SEED):
        self.vocabulary = vocabulary
        self.seed = seed

    def _load(self) -> TransformerSpec:
        spec = TransformerSpec.from_config(LAYERS, HEADS)
        rng = np.random.default_rng(self.seed)
        unset: list[str] = []
        visit_spec(spec, lambda _spec, name, value: unset.append(name) if value is None else None)
        for name in unset:
            scope, attr = name.rsplit("/", 1)
            setattr(index_spec(spec, scope), attr, self._weight(rng, scope, attr))
        # Random logits would rarely pick </s>, and every output would run to the length limit: bias it so
        # outputs end after a few words, as a real model's do.
        bias = np.zeros(len(self.vocabulary), dtype=np.float32)
        bias[self.vocabulary.index("</s>")] = EOS_BIAS
        spec.decoder.projection.bias = bias
        spec.register_source_vocabulary(self.vocabulary)
        spec.register_target_vocabulary(self.vocabulary)
        return spec

    def _weight(self, rng: np.random.Generator, scope: str, attr: str) -> np.ndarray:
        vocab, d = len(self.vocabulary), D_MODEL
        if attr == "gamma":
            return np.ones(d, dtype=np.float32)
        if attr == "beta":
            return np.zeros(d, dtype=np.float32)
        leaf = scope.rsplit("/", 1)[-1]
        if leaf in ("embeddings", "embeddings_0", "projection"):
            shape: tuple[int, int] = (vocab, d)
        elif "/ffn/" in scope + "/":
            shape = (FFN, d) if leaf == "linear_0" else (d, FFN)
        elif "/self_attention/" in scope + "/" and leaf == "linear_0":
            shape = (3 * d, d)  # fused query, key, value
        elif "/attention/" in scope + "/" and leaf == "linear_1":
            shape = (2 * d, d)  # fused key, value of the encoder-decoder attention
        else:
            shape = (d, d)
        return (rng.standard_normal(shape) * 0.3).astype(np.float32)


def build_package(out_dir: Path, *, corpus: list[str] | None = None, to_code: str = "en") -> Path:
    """Write `<out_dir>/translate-zh_en-test.argosmodel` and return its path."""
    out_dir.mkdir(parents=True, exist_ok=True)
    if corpus is None:
        corpus = [
            line.strip() for path in SAMPLES for line in path.read_text("utf-8").splitlines() if line.strip()
        ]
    tokenizer = train_tokenizer(corpus)
    processor = spm.SentencePieceProcessor(model_proto=tokenizer)
    vocabulary = [processor.id_to_piece(i) for i in range(processor.get_piece_size())]
    model_dir = out_dir / "ct2-model"
    RandomTransformerConverter(vocabulary).convert(str(model_dir), force=True)
    metadata = {
        "package_version": "0.1-test",
        "argos_version": "1.9",
        "from_code": "zh",
        "from_name": "Chinese",
        "to_code": to_code,
        "to_name": "English",
        "type": "translate",
    }
    archive = out_dir / f"{PACKAGE_NAME}.argosmodel"
    with zipfile.ZipFile(archive, "w", zipfile.ZIP_DEFLATED) as zf:
        zf.writestr(f"{PACKAGE_NAME}/metadata.json", json.dumps(metadata))
        zf.writestr(f"{PACKAGE_NAME}/sentencepiece.model", tokenizer)
        for path in sorted(model_dir.iterdir()):
            zf.write(path, f"{PACKAGE_NAME}/model/{path.name}")
    return archive


# ---------------------------------------------------------------- pytest fixtures
# Test modules load these with `pytest_plugins = ["argos_test_model"]`.


@pytest.fixture(scope="session")
def argos_archive(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The test package, built once per session."""
    return build_package(tmp_path_factory.mktemp("argos-test-model"))


@pytest.fixture
def packages_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """An empty Argos packages folder, the only one the code under test sees."""
    folder = tmp_path / "argos-packages"
    folder.mkdir()
    monkeypatch.setenv("ARGOS_PACKAGES_DIR", str(folder))
    return folder


@pytest.fixture
def installed_model(argos_archive: Path, packages_dir: Path) -> Path:
    """The test package installed through the production installer; its folder."""
    from briefing.translate.models import install_model

    return install_model(str(argos_archive)).path
