"""The browser view: ``partners viz`` draws the graph as one interactive, self-contained HTML file.

:mod:`viz.network` builds the page (pyvis records, vis-network inlined, data escaped, strict CSP);
:mod:`viz.layout` computes the node positions in Python, so the page is ready as soon as it is drawn.
"""
