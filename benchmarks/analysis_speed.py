"""How fast `analysis.analyse` is next to plain TextBlob sentiment, on the same texts.

    .venv/bin/python benchmarks/analysis_speed.py [--texts N] [--repeat R]

Generates varied feedback-like texts (no labelled data is read), times
`analyse(text)` and `TextBlob(text).sentiment` over them in one run, and
prints both rates (texts per second) and their ratio. The target is a ratio of
at least 0.5: the full analysis at least half as fast as TextBlob's polarity.
Not a test: timings depend on the machine.
"""

from __future__ import annotations

import argparse
import random
import time
from collections.abc import Callable, Sequence

from textblob import TextBlob

from analysis import analyse

_OPENINGS = [
    "my social worker", "my foster carer", "my iro", "the review", "school", "my mum", "the staff here",
    "my advocate", "the meeting", "my placement", "contact with my dad", "my new home", "the paperwork",
    "my key worker", "my brother", "college", "the letters you send", "living here",
]
_MIDDLES = [
    "is really nice", "never rings me back", "is ok i guess", "doesnt listen to me", "was dead boring",
    "makes me feel safe", "is ace", "got cancelled again", "helps me loads", "is rubbish tbh",
    "explained everything", "didnt tell me nothing", "is alright", "made me feel told off",
    "keeps changing", "is the best thing", "was too long", "is fun", "scares me a bit", "listens to what i say",
]
_ENDINGS = [
    "", "but i miss my mum", "and i want more contact", ":)", "!!", "cos they care", "i wish i could see my sister more",
    "but nobody explained why", "so im happy", "and im not bothered", "😊", "but its hard sometimes",
    "and i dont want to move again", "thanks", "i feel like nobody cares", "and the food is lovely",
]


def make_texts(count: int, seed: int = 7) -> list[str]:
    """Return `count` varied texts of one to three sentences, the same for a given seed."""
    rng = random.Random(seed)
    texts = []
    for _ in range(count):
        sentences = [
            f"{rng.choice(_OPENINGS)} {rng.choice(_MIDDLES)} {rng.choice(_ENDINGS)}".strip()
            for _ in range(rng.randint(1, 3))
        ]
        text = ". ".join(sentences)
        texts.append(text.capitalize() if rng.random() < 0.5 else text)
    return texts


def _seconds(function: Callable[[str], object], texts: Sequence[str]) -> float:
    start = time.perf_counter()
    for text in texts:
        function(text)
    return time.perf_counter() - start


def rates(functions: Sequence[Callable[[str], object]], texts: Sequence[str], repeat: int) -> list[float]:
    """Return texts per second for each function, best of `repeat` interleaved passes.

    Passes alternate between the functions so that a busy spell on a shared
    machine slows both, not just one.
    """
    best = [float("inf")] * len(functions)
    for _ in range(repeat):
        for i, function in enumerate(functions):
            best[i] = min(best[i], _seconds(function, texts))
    return [len(texts) / seconds for seconds in best]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--texts", type=int, default=3000)
    parser.add_argument("--repeat", type=int, default=5)
    args = parser.parse_args()
    texts = make_texts(args.texts)
    # Warm both up (lexicons load lazily), then time them on the same texts.
    analyse(texts[0])
    _ = TextBlob(texts[0]).sentiment
    textblob_rate, analyse_rate = rates([lambda t: TextBlob(t).sentiment, analyse], texts, args.repeat)
    print(f"TextBlob(text).sentiment: {textblob_rate:,.0f} texts/s")
    print(f"analysis.analyse(text):   {analyse_rate:,.0f} texts/s")
    print(f"ratio (analyse / TextBlob): {analyse_rate / textblob_rate:.2f} (target >= 0.5)")


if __name__ == "__main__":
    main()
