"""The browser views: ``partners serve`` (the explorer, :mod:`viz.server`, ``assets/explorer.*``) and
``partners viz``, which writes that same page as one self-contained offline file (:mod:`viz.offline`, called by
:func:`viz.network.write_view`).

:mod:`viz.network` holds the styles both share (kind colours and shapes, line colours, the flag badge), the
escaping of data for an inline ``<script>`` block, vis-network as pyvis ships it, and :func:`viz.network.network_html`
— the small embedded view of a dossier's neighbourhood (``reports/entity.py``, ``assets/view.*``), no longer what
``partners viz`` writes. :mod:`viz.layout` computes node positions in Python, so a big page is ready once drawn.
"""
