"""Storage: the private, atomic, journaled, locked TinyDB files."""
