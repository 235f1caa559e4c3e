"""Network analysis over NetworkX graphs built from the store: selection, projection, metrics, recommendations."""
