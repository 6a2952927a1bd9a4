"""The py backend: generated Python/NumPy source for a whole graph."""
