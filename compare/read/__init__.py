"""Stage 1, read: a report file in, an outlined :class:`~compare.model.Document` out.

Enters: a path (text in UTF-8/GB18030/Big5, a saved web page, DOCX or PDF).
Inside: format detection (``formats``), decoding (``decoding``), extraction of
pages, Word files and PDFs (``extract``), normalisation with its offset map
(``normalise``), lines, body finding (``body``), headings and outline
(``headings``, ``outline``, ``roles``), metadata (``metadata``) and units
(``units``, ``outline_units``); ``load`` chains them.
Leaves: a ``Document`` whose every span maps back to the decoded original.
Next: :mod:`compare.pair` compares two documents; :mod:`compare.corpus` reduces
many to clause records.
"""
