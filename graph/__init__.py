"""Partnership Graph: the neutral graph model, its schema and the stores that hold it."""

__version__ = "0.1.0"
