"""The core: content, answers, storage, export. No Textual import (tests/test_layers.py)."""
