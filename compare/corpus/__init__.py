"""Stage 3, corpus: many report files in, audit figures out.

Enters: paths (files and folders) and :class:`~compare.settings.AuditSettings`.
Inside: compact per-report records (``records``), the clause index with its
MinHash LSH (``clause_index``), the SQLite store (``store``), the figures
(``audit``), the run that chains reading, indexing and measuring (``run``), and
a stored corpus used as background for one comparison (``background``).
Leaves: an :class:`~compare.corpus.run.AuditRun` (figures, corpus, failures).
Next: :mod:`compare.render` writes its text, JSON, CSV and HTML.
"""
