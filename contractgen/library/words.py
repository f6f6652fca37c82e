"""Numbers in contract style: "ten (10)", "five percent (5%)", "the fifth (5th) day".

Contracts spell a figure out and repeat it in digits so that a typo in one is caught by the
other. Kept apart from the filters so the spelling rules can be tested on their own.
"""

from __future__ import annotations

from decimal import Decimal

_ONES = [
    "zero",
    "one",
    "two",
    "three",
    "four",
    "five",
    "six",
    "seven",
    "eight",
    "nine",
    "ten",
    "eleven",
    "twelve",
    "thirteen",
    "fourteen",
    "fifteen",
    "sixteen",
    "seventeen",
    "eighteen",
    "nineteen",
]
_TENS = ["_", "_", "twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety"]
_SCALES = ((10**9, "billion"), (10**6, "million"), (1000, "thousand"))
_LARGEST_SPELLED = 10**12
_ORDINAL_WORDS = {
    "one": "first",
    "two": "second",
    "three": "third",
    "five": "fifth",
    "eight": "eighth",
    "nine": "ninth",
    "twelve": "twelfth",
}


def int_words(n: int) -> str:
    """English words for a whole number from 0 to 999,999,999,999 ("one hundred and five")."""
    if n < 0 or n >= _LARGEST_SPELLED:
        raise ValueError(f"{n} is outside the range spelled out in words")
    if n < 20:
        return _ONES[n]
    if n < 100:
        tens, rest = divmod(n, 10)
        return _TENS[tens] + (f"-{_ONES[rest]}" if rest else "")
    if n < 1000:
        hundreds, rest = divmod(n, 100)
        head = f"{_ONES[hundreds]} hundred"
        return head + (f" and {int_words(rest)}" if rest else "")
    for scale, name in _SCALES:
        if n >= scale:
            head_n, rest = divmod(n, scale)
            head = f"{int_words(head_n)} {name}"
            if not rest:
                return head
            joiner = " and " if rest < 100 else " "
            return head + joiner + int_words(rest)
    raise AssertionError("unreachable")  # pragma: no cover


def digits(value: Decimal | int) -> str:
    """The figure as written in brackets: thousands separated, no trailing zeros ("1,000")."""
    from contractgen.domain.wording import digits_text

    return digits_text(value)


def number_words(value: Decimal | int, *, halves: bool = True) -> str | None:
    """Words for a non-negative figure ("ninety-nine point five"), or None if too large.

    With ``halves``, 1.5 reads "one and a half" (natural for hours); otherwise, and for other
    fractions, the decimals are read digit by digit after "point" (usual for percentages).
    """
    d = Decimal(value)
    if d < 0 or d >= _LARGEST_SPELLED:
        return None
    whole = int(d)
    frac = d - whole
    if frac == 0:
        return int_words(whole)
    if halves and frac == Decimal("0.5") and whole:
        return f"{int_words(whole)} and a half"
    tail = format(d.normalize(), "f").partition(".")[2]
    return f"{int_words(whole)} point " + " ".join(_ONES[int(c)] for c in tail)


def spelled(value: Decimal | int, *, halves: bool = True) -> str:
    """ "ten (10)": words then digits; digits alone when the figure is too large to spell."""
    words = number_words(value, halves=halves)
    return digits(value) if words is None else f"{words} ({digits(value)})"


def ordinal_suffix(n: int) -> str:
    """ "st", "nd", "rd" or "th" for ``n``."""
    if 10 <= n % 100 <= 20:
        return "th"
    return {1: "st", 2: "nd", 3: "rd"}.get(n % 10, "th")


def ordinal_words(n: int) -> str:
    """ "fifth", "twenty-first", "one hundredth"."""
    words = int_words(n)
    head, sep, last = words.rpartition(" ")
    pre, hyphen, unit = last.rpartition("-")
    if unit in _ORDINAL_WORDS:
        unit = _ORDINAL_WORDS[unit]
    elif unit.endswith("y"):
        unit = unit[:-1] + "ieth"
    else:
        unit += "th"
    return head + sep + pre + hyphen + unit


def spelled_ordinal(n: int) -> str:
    """ "fifth (5th)"."""
    return f"{ordinal_words(n)} ({n}{ordinal_suffix(n)})"
