"""Synthetic Olist dataset generator: the nine source files, in the real format, at any scale."""

from infrastructure.generator.generation import GenerationSummary, generate

__all__ = ["GenerationSummary", "generate"]
