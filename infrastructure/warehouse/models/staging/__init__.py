"""SQL model files, read with importlib.resources."""
