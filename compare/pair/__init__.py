"""Stage 2, pair: two documents in, a :class:`~compare.pair.comparison.Comparison` out.

Enters: two outlined documents and :class:`~compare.settings.CompareSettings`.
Inside: words and units once per document (``tokens``, ``prepared``), MinHash
sketches (``sketch``), section alignment (``align``), exact shared runs
(``shared``), district-specific content (``specific``), counterpart sentences
side by side (``rows``) with the redline of each pair (``redline``);
``comparison`` chains them and holds the result.
Leaves: a ``Comparison`` whose spans index the comparison text and map back to
each original through its document.
Next: :mod:`compare.corpus` can add a corpus as background (common formula
versus particular reuse); :mod:`compare.render` prints or renders it.
"""
