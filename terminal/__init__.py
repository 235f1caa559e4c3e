"""The terminal presentation of the CLI's results: tables that fit the terminal, names first, ids on request.

Commands compute typed results in the library (:class:`graph.stores.base.QueryResult`, :class:`graph.profile.Profile`,
the analysis report) and hand them here; nothing in this package reads the store or computes a figure.
"""
