"""Stage 3, corpus: many report files in, audit figures out.

Enters: paths (files and folders) and :class:`~compare.settings.AuditSettings`.
Inside: compact per-report records (``records``); the clause index
(``clause_index``: clause ids from 128-bit key hashes in ``keytable``, band
hashes a file per band and packed examples in ``columns``, near-duplicate
groups by sorted band tables in ``bands``, who holds what as CSR arrays);
pair proposals (``pairs``); the figures (``audit``); the SQLite store
(``store``) and the figures it keeps (``result_cache``); where the heavy
stages run (``engines``: local processes, ``dask_engine``: a Dask cluster);
the run that chains them (``run``); and a stored corpus used as background
for one comparison (``background``).
Leaves: an :class:`~compare.corpus.run.AuditRun` (figures, corpus, failures).
Next: :mod:`compare.render` writes its text, JSON, CSV and HTML.
"""
