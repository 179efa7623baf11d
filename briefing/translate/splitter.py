"""Chinese text cut into pieces for machine translation (sentences themselves: briefing.boundaries).

The MT model translates one sentence at a time and degrades (or truncates) on very long input, so text is
cut at sentence ends (。！？； and the half-width ; ? ! that some reports use instead), keeping closing
quotes and brackets with the sentence they close and never cutting inside a quotation. Pieces that are
still too long are cut at clause marks (，、：), and as a last resort at a fixed length, never inside a
protected placeholder.
"""

from __future__ import annotations

import re

from briefing.boundaries import fit, split_sentences

MAX_CHARS = 240  # about 150–250 model tokens: well inside the 512-token limit of Argos models


def split_for_mt(text: str, max_chars: int = MAX_CHARS, keep: re.Pattern[str] | None = None) -> list[str]:
    """Pieces of at most `max_chars` characters for the model: sentences, then clauses, then fixed cuts.

    `keep` matches spans (placeholders) that must not be cut.
    """
    out: list[str] = []
    for sentence in split_sentences(text, long=MAX_CHARS):
        if len(sentence) <= max_chars:
            out.append(sentence)
            continue
        out.extend(piece for piece in fit(sentence, max_chars, keep) if piece.strip())
    return out
