"""Readers that turn seed YAML and data files into the neutral graph model."""
