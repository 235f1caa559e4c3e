"""The browser views: ``partners serve`` (the explorer, :mod:`viz.server`, ``assets/explorer.*``) and
``partners viz``, which writes that same page as one self-contained offline file (:mod:`viz.offline`, called by
:func:`viz.network.write_view`).

:mod:`viz.network` holds the styles both share (kind colours and shapes, line colours, the flag badge), the
escaping of data for an inline ``<script>`` block and vis-network as pyvis ships it; the HTML dossier embeds the
same explorer page for its neighbourhood (``reports/entity.py``). :mod:`viz.layout` computes node positions in
Python, so a big page is ready once drawn.
"""
