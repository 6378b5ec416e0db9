"""How PHP 7.1+ writes a float, in JSON and as a string (ERRATA W22).

Both go through ``zend_gcvt(value, ndigit, '.', exponent_char)``: the value's digits (the shortest
round-trip digits for ``json_encode``, whose ``serialize_precision`` is -1; 14 rounded significant digits
for a string cast, ``precision`` 14), written in fixed notation unless the decimal exponent is below -4 or
at least ``ndigit``, then as ``d.ddd`` + ``e``/``E`` + sign + exponent without padding (``1.0e-5``,
``1.0E+25``). A negative zero keeps its sign (``-0``). ``json_encode`` with ``JSON_PRESERVE_ZERO_FRACTION``
appends ``.0`` when the text has no ``.``.
"""

from __future__ import annotations

import math

JSON_DIGITS = 17
"""``zend_gcvt`` with serialize_precision -1 uses mode 0 (shortest digits) with ``ndigit`` 17."""
STRING_PRECISION = 14
"""php.ini's default ``precision``, used by ``(string)$float``, ``echo`` and string interpolation."""


def _shortest_digits(number: float) -> tuple[str, int]:
    """The shortest digits that read back as ``number`` (> 0) and the decimal point's position: Python's
    ``repr`` and zend_dtoa mode 0 both give the shortest round-trip digits."""
    text = repr(number)
    if "e" in text:
        mantissa, exponent = text.split("e")
        digits = mantissa.replace(".", "")
        point = int(exponent) + 1
    else:
        whole, fraction = text.split(".")
        if whole != "0":
            digits, point = whole + fraction, len(whole)
        else:
            significant = fraction.lstrip("0")
            digits, point = significant, len(significant) - len(fraction)
    return digits.rstrip("0") or "0", point


def _rounded_digits(number: float, precision: int) -> tuple[str, int]:
    """``precision`` significant digits (zend_dtoa mode 2), trailing zeros dropped."""
    mantissa, exponent = f"{number:.{precision - 1}e}".split("e")
    return mantissa.replace(".", "").rstrip("0") or "0", int(exponent) + 1


def _gcvt(digits: str, point: int, negative: bool, ndigit: int, exponent_char: str) -> str:
    sign = "-" if negative else ""
    if point < -3 or point > ndigit:
        exponent = point - 1
        exponent_sign = "-" if exponent < 0 else "+"
        return f"{sign}{digits[0]}.{digits[1:] or '0'}{exponent_char}{exponent_sign}{abs(exponent)}"
    if point <= 0:
        return f"{sign}0.{'0' * -point}{digits}"
    whole = digits[:point].ljust(point, "0")
    fraction = digits[point:]
    return f"{sign}{whole}.{fraction}" if fraction else sign + whole


def json_float(number: float, preserve_zero_fraction: bool = True) -> str:
    """``json_encode($number)`` for a finite float (with ``JSON_PRESERVE_ZERO_FRACTION`` unless told)."""
    negative = math.copysign(1.0, number) < 0
    digits, point = ("0", 1) if number == 0 else _shortest_digits(abs(number))
    text = _gcvt(digits, point, negative, JSON_DIGITS, "e")
    if preserve_zero_fraction and "." not in text:
        text += ".0"
    return text


def string_float(number: float) -> str:
    """``(string)$number``: what ``echo`` and apiXMLOutput print (``1.0E+25``, ``-0``, ``INF``, ``NAN``)."""
    if math.isnan(number):
        return "NAN"
    if math.isinf(number):
        return "INF" if number > 0 else "-INF"
    negative = math.copysign(1.0, number) < 0
    digits, point = ("0", 1) if number == 0 else _rounded_digits(abs(number), STRING_PRECISION)
    return _gcvt(digits, point, negative, STRING_PRECISION, "E")


def json_matches_python(number: float) -> bool:
    """True when Python's ``repr`` already is ``json_encode``'s text (it differs only in exponent form)."""
    return 1e-4 <= abs(number) < 1e16 or number == 0
