"""Stage 4, render: results in, what the user reads out.

Enters: a :class:`~compare.model.Document`, a
:class:`~compare.pair.comparison.Comparison` or an audit run.
Inside: terminal text (``text``), the compare page (``compare_view`` builds
its rows, ``compare_page`` renders them), the audit page (``audit_page``),
CSV (``audit_csv``), the jinja2 environment (``templates``), and atomic
writing of output files (``output``).
Leaves: strings and files. Next: :mod:`compare.cli` prints them.
"""
