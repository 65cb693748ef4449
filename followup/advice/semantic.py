"""A small static text embedding, fully offline: WordLlama's ``l2_supercat`` 256-dimension token
embeddings, which the ``wordllama`` wheel on PyPI ships inside the package (``weights/`` and
``tokenizers/``).

The files are read directly with ``safetensors`` and ``tokenizers`` (both installed with
``wordllama``); the ``wordllama`` module itself is never imported, so nothing can reach for a
download: a missing file raises :class:`SemanticModelMissing` instead. A text's vector is the mean
of its token vectors, normalised (what ``WordLlama.embed(norm=True)`` computes); the cosine of two
vectors is their dot product. Loaded once per process (:func:`model`, behind a lock; about 0.3 s,
16 MB), then about 0.1 ms per short text. This module does not import Streamlit.
"""
from __future__ import annotations

import importlib.util
import threading
from dataclasses import dataclass
from pathlib import Path

import numpy as np

PACKAGE = "wordllama"
WEIGHTS = Path("weights") / "l2_supercat_256.safetensors"
TOKENIZER = Path("tokenizers") / "l2_supercat_tokenizer_config.json"
MAX_CHARS = 2000  # a longer text is cut: time stays bounded for any input


class SemanticModelMissing(RuntimeError):
    """The wordllama package or its shipped files are not installed."""


def package_dir() -> Path:
    """Where the installed ``wordllama`` package keeps its files (found without importing it)."""
    spec = importlib.util.find_spec(PACKAGE)
    if spec is None or not spec.origin:
        raise SemanticModelMissing(f"the '{PACKAGE}' package is not installed (see requirements.txt)")
    return Path(spec.origin).parent


@dataclass(frozen=True)
class Model:
    vectors: np.ndarray  # (vocabulary, dimensions) float32
    tokenizer: object  # tokenizers.Tokenizer

    def embed(self, texts: list[str] | tuple[str, ...]) -> np.ndarray:
        """Unit vectors, one row per text (a text without tokens gives a zero row)."""
        out = np.zeros((len(texts), self.vectors.shape[1]), dtype=np.float32)
        if not texts:
            return out
        encoded = self.tokenizer.encode_batch([t[:MAX_CHARS] if isinstance(t, str) else "" for t in texts],
                                              add_special_tokens=False)
        last = len(self.vectors) - 1
        for row, enc in enumerate(encoded):
            if enc.ids:
                ids = np.clip(np.asarray(enc.ids, dtype=np.int64), 0, last)
                vec = self.vectors[ids].mean(axis=0)
                norm = float(np.linalg.norm(vec))
                if norm > 0:
                    out[row] = vec / norm
        return out


def load(directory: Path | None = None) -> Model:
    """Read the shipped weights and tokenizer (no network: a missing file raises)."""
    from safetensors.numpy import load_file
    from tokenizers import Tokenizer

    root = directory or package_dir()
    weights, tok = root / WEIGHTS, root / TOKENIZER
    for f in (weights, tok):
        if not f.is_file():
            raise SemanticModelMissing(f"{f} is missing: reinstall wordllama from requirements.txt")
    vectors = load_file(str(weights))["embedding.weight"].astype(np.float32)
    tokenizer = Tokenizer.from_file(str(tok))
    tokenizer.no_padding()
    tokenizer.no_truncation()
    return Model(vectors=np.ascontiguousarray(vectors), tokenizer=tokenizer)


_MODEL: Model | None = None
_LOCK = threading.Lock()
_LOADS = 0


def model() -> Model:
    """The model, loaded once per process and shared by every visitor (thread-safe)."""
    global _MODEL, _LOADS
    if _MODEL is None:
        with _LOCK:
            if _MODEL is None:
                _MODEL = load()
                _LOADS += 1
    return _MODEL


def load_count() -> int:
    """How many times the model was loaded in this process (1 after first use)."""
    return _LOADS


def embed(texts: list[str] | tuple[str, ...]) -> np.ndarray:
    return model().embed(texts)


def pieces(word: str) -> int:
    """How many tokens the model's vocabulary needs for ``word``: everyday English words are one
    or two, rare words (and misspellings) more."""
    return len(model().tokenizer.encode(word[:100], add_special_tokens=False).ids)
