"""Chinese word segmentation for composed labels: jieba's words, as rjieba's `cut(text, hmm=False)` gives
them, without loading jieba's whole dictionary.

Why not rjieba itself: importing it builds jieba's 349,000-word dictionary, ~0.08 s of CPU in every
process (more than composing the labels of ten documents), where a run's labels need the words of their
own characters only. This module reads data/jieba_words.bin (jieba's dict.txt, MIT, see
data/LICENSE-JIEBA.txt; bucketed by a word's first two characters by tools/make_word_index.py) and
parses a bucket when a label first needs it. tests/test_translate_segmenter.py checks that it cuts
generated and real text as rjieba does.

The method is jieba's without its HMM:
- the text is split into runs of CJK characters, Latin letters, digits and `+#&._%-`; between runs, a
  whitespace stretch (`\\r\\n` or one space) is a word, and so is every other character;
- in a run, every dictionary word starting at a character is a step; the route through the run with the
  greatest sum of log(frequency / total) wins, ties going to the longer step; a character no word
  starts with is a step of frequency 1;
- one-character steps that are ASCII letters or digits in a row are joined into one word.
User words (the termbase) are added with a frequency of their own, which also adds to the total, as
jieba's `add_word` does.
"""

from __future__ import annotations

import math
import mmap
import struct
import sys
import zlib
from array import array
from collections.abc import Iterable
from functools import cache

from briefing import regex_cache
from briefing.resources import DATA_DIR
from briefing.translate.datafile import load_mapped

INDEX_PATH = DATA_DIR / "jieba_words.bin"
MAGIC = b"JBW5"
BUCKETS = 65521
_HEADER = struct.Struct("<4sIQ")  # magic, buckets, total frequency

_RUN = regex_cache.compile(
    "([\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\U00020000-\U0002a6df\U0002a700-\U0002ebef"
    "\U0002f800-\U0002fa1fa-zA-Z0-9+#&._%\\-]+)"
)
_SPACE = regex_cache.compile(r"(\r\n|[^\S\x1c-\x1f])")  # Unicode White_Space (Python's \s also has \x1c-\x1f)


def bucket(key: bytes) -> int:
    """The bucket of a word's key (its first two characters, UTF-8)."""
    return zlib.crc32(key) % BUCKETS


class JiebaIndex:
    """jieba's words and frequencies, read bucket by bucket (see tools/make_word_index.py)."""

    def __init__(self, data: bytes | mmap.mmap):
        """A ValueError (or struct.error) for data that is not an index of this version or is cut short:
        the last bucket ends where the file does."""
        if len(data) < _HEADER.size:
            raise ValueError(f"cut short at {len(data)} bytes")
        magic, buckets, self.total = _HEADER.unpack_from(data)
        if magic != MAGIC or buckets != BUCKETS:
            raise ValueError("not a word index of this version; rerun tools/make_word_index.py")
        self._offsets = array("I", data[_HEADER.size : _HEADER.size + 4 * (buckets + 1)])
        if sys.byteorder == "big":
            self._offsets.byteswap()
        if len(self._offsets) != buckets + 1 or self._offsets[-1] != len(data):
            raise ValueError(f"cut short at {len(data)} bytes")
        self._data = data

    def _line(self, key: str) -> tuple[int, int]:
        """Where the words of `key` are in the file (after its tab, up to its line break); (0, 0)
        for a key no word has."""
        encoded = key.encode("utf-8")
        at = zlib.crc32(encoded) % BUCKETS  # bucket(encoded), without the call: a run asks thousands
        needle = b"\n" + encoded + b"\t"
        start = self._data.find(needle, self._offsets[at] - 1, self._offsets[at + 1])
        if start < 0:
            return 0, 0
        start += len(needle)
        return start, self._data.find(b"\n", start)

    def rests(self, key: str) -> dict[str, str]:
        """The words whose key is `key`, as what follows the key (`rest`) → frequency (its digits). Made
        by splitting the line in C (no loop over its words): a run needs a key's table for the one or
        two of its words that occur, and some keys have hundreds."""
        start, end = self._line(key)
        if not end:
            return {}
        fields = self._data[start:end].decode("utf-8").replace("\t", " ").split(" ")
        return dict(zip(fields[::2], fields[1::2], strict=True))

    def entries(self, key: str) -> dict[str, int]:
        """The words whose key is `key`, with their frequencies."""
        return {key + rest: int(freq) for rest, freq in self.rests(key).items()}

    def frequency(self, word: str) -> str | None:
        """The frequency (its digits) of `word`, None when the index does not have it: its key's line is
        searched, not parsed (a segmenter reads every one-character word of a run this way)."""
        start, end = self._line(word[:2])
        if not end:
            return None
        line = self._data[start - 1 : end]  # "\trest freq\trest freq"
        needle = b"\t" + word[2:].encode("utf-8") + b" "
        at = line.find(needle)
        if at < 0:
            return None
        at += len(needle)
        stop = line.find(b"\t", at)
        return line[at : stop if stop >= 0 else len(line)].decode("ascii")

    def frequencies(self, words: Iterable[str]) -> dict[str, int]:
        """The frequencies of those of `words` the index has; a key's line is found once for all its
        words and searched without being parsed."""
        by_key: dict[str, list[str]] = {}
        for word in words:
            by_key.setdefault(word[:2], []).append(word)
        found = {}
        for key, keyed in by_key.items():
            start, end = self._line(key)
            if not end:
                continue
            line = self._data[start - 1 : end] + b"\t"  # "\trest freq\trest freq\t"
            for word in keyed:
                needle = b"\t" + word[2:].encode("utf-8") + b" "
                at = line.find(needle)
                if at >= 0:
                    at += len(needle)
                    found[word] = int(line[at : line.find(b"\t", at)])
        return found


@cache
def shipped_index() -> JiebaIndex:
    """data/jieba_words.bin, mapped once per process: a run touches only the pages of its buckets."""
    return load_mapped(INDEX_PATH, JiebaIndex)


def replaced_frequency(index: JiebaIndex, user_words: Iterable[str]) -> int:
    """The sum of the index's frequencies of the user words that it has: a user word's own frequency
    replaces its frequency in the total, as jieba's `add_word` does."""
    return sum(index.frequencies(dict.fromkeys(user_words)).values())


class Segmenter:
    """jieba's segmentation (no HMM) over `index`, with `user_words` at `user_frequency`."""

    def __init__(
        self,
        index: JiebaIndex,
        user_words: Iterable[str] = (),
        user_frequency: int = 1,
        *,
        replaced: int | None = None,
    ):
        """`replaced`: `replaced_frequency(index, user_words)` when the caller has it at hand."""
        self._index = index
        user = dict.fromkeys(user_words, user_frequency)
        if replaced is None:
            replaced = replaced_frequency(index, user)
        self._logtotal = math.log(index.total + user_frequency * len(user) - replaced)
        digits = str(user_frequency)  # as the index writes a frequency
        self._user: dict[str, dict[str, str]] = {}
        for word in user:
            self._user.setdefault(word[:2], {})[word[2:]] = digits
        self._tables: dict[str, tuple[dict[str, str], int]] = {}
        self._scores: dict[str, float] = {}  # a frequency's digits → its step score, log(freq / total)
        self._singles: dict[str, float] = {}  # a character → its one-character word's score, else -inf

    def _score(self, digits: str) -> float:
        """The step score of a word of frequency `digits`, log(frequency) - log(total), worked out once
        a frequency: words share few frequencies, and a run scores each of its candidate words."""
        found = self._scores.get(digits)
        if found is None:
            found = self._scores[digits] = math.log(int(digits)) - self._logtotal
        return found

    def _single(self, char: str) -> float:
        """The score of `char` as a one-character word, -inf when the dictionary has no such word: a
        run asks of every character, and the word is read off its line without making a table of it."""
        found = self._singles.get(char)
        if found is None:
            user = self._user.get(char)  # a user word of one character replaces the dictionary's
            freq = user.get("") if user else None
            if freq is None:
                freq = self._index.frequency(char)
            found = self._singles[char] = -math.inf if freq is None else self._score(freq)
        return found

    def _table(self, key: str) -> tuple[dict[str, str], int]:
        """The words whose key is `key` (see JiebaIndex), user words included, as rest → frequency (its
        digits), and the length of the longest rest (-1 when there is no word): the rests a run can
        hold."""
        found = self._tables.get(key)
        if found is None:
            rests = self._index.rests(key)
            rests.update(self._user.get(key, ()))
            found = (rests, max(map(len, rests), default=-1))
            self._tables[key] = found
        return found

    def cut(self, text: str) -> list[str]:
        """The words of `text`, in order; joined, they give `text` back."""
        blocks = _RUN.split(text)
        if len(blocks) == 3 and not blocks[0] and not blocks[2]:  # one run, nothing around it: most labels
            return self._cut_run(blocks[1])
        words: list[str] = []
        for number, block in enumerate(blocks):
            if number % 2:
                words.extend(self._cut_run(block))
                continue
            for kind, piece in enumerate(_SPACE.split(block)):
                if kind % 2:
                    words.append(piece)
                else:
                    words.extend(piece)
        return words

    def _cut_run(self, run: str) -> list[str]:
        """The best route through `run`, found from its end. The words starting at a character are read
        off the tables of its key: its own one-character word, then the words keyed by it and the next
        character whose rest the run holds, each probed once (a key's table is not walked: most of its
        words do not occur). Ends are tried in increasing order, so `>=` gives a tie to the longer step."""
        size = len(run)
        score = [0.0] * (size + 1)
        step = [0] * (size + 1)
        logtotal = self._logtotal
        # read here: a known character, key or frequency costs one look-up, not a call
        tables, singles, scores = self._tables, self._singles, self._scores
        nothing = -math.inf
        for at in range(size - 1, -1, -1):
            best, best_end = nothing, 0
            char = run[at]
            single = singles.get(char)
            if single is None:
                single = self._single(char)
            if single != nothing:
                best, best_end = single + score[at + 1], at + 1
            tail = at + 2
            if tail <= size:
                key = run[at:tail]
                rests, longest = tables.get(key) or self._table(key)
                for end in range(tail, min(size, tail + longest) + 1):
                    freq = rests.get(run[tail:end])
                    if freq is not None:
                        option = (scores.get(freq) or self._score(freq)) + score[end]
                        if option >= best:
                            best, best_end = option, end
            if not best_end:  # no word starts here: the character is a step of frequency 1
                best, best_end = score[at + 1] - logtotal, at + 1
            score[at], step[at] = best, best_end
        words: list[str] = []
        at, joined = 0, None  # joined: start of a run of lone ASCII letters and digits
        while at < size:
            end = step[at]
            if end == at + 1 and run[at].isascii() and run[at].isalnum():
                joined = at if joined is None else joined
            else:
                if joined is not None:
                    words.append(run[joined:at])
                    joined = None
                words.append(run[at:end])
            at = end
        if joined is not None:
            words.append(run[joined:])
        return words
