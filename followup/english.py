"""The English word list both readers of free text share: pyspellchecker's, shipped inside the package
(nothing is downloaded). The note writer's spelling check and the timing reader's typo correction (which
never "corrects" a real word: "easier" is not "Easter", "nearly" not "early") load it once per process."""
from __future__ import annotations

from functools import lru_cache


@lru_cache(maxsize=1)
def checker():
    from spellchecker import SpellChecker  # the word list ships inside the package

    return SpellChecker(language="en", distance=1)


def frequency(word: str) -> int:
    """How common ``word`` (lower case) is in the list; 0 if it is not an English word there."""
    return checker().word_frequency[word] if word in checker().word_frequency else 0
