"""The jinja2 environment and the inline assets (CSS, script) every page uses.

Templates ship in the wheel as the package ``compare.templates``; running from a
source checkout (as the tests do) finds the ``templates/`` folder beside the
package instead.
"""

from __future__ import annotations

from functools import lru_cache
from importlib.resources import files
from pathlib import Path

import jinja2


def template_text(name: str) -> str:
    """A template or asset: from the installed package, or from ``templates/`` in a checkout."""
    try:
        return files("compare.templates").joinpath(name).read_text(encoding="utf-8")
    except ModuleNotFoundError:
        checkout = Path(__file__).resolve().parents[2] / "templates"
        return (checkout / name).read_text(encoding="utf-8")


@lru_cache(maxsize=1)
def environment() -> jinja2.Environment:
    """Autoescaping, strict about undefined names, with the ``pct`` filter."""
    env = jinja2.Environment(
        loader=jinja2.FunctionLoader(template_text),
        autoescape=True,
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
    )
    env.filters["pct"] = percent
    return env


def percent(value: float | None) -> str:
    """A share as the pages print it: whole percents from 10% up, one decimal below, as
    compare's terminal summary does (a page said 0% where it said 0.3%, 7% for 7.5%); "—"
    for none."""
    if value is None:
        return "—"
    tenths = round(value * 100, 1)
    return f"{tenths:.1f}%" if value > 0 and tenths < 10 else f"{value:.0%}"
