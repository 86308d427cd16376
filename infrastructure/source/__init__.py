"""Source reader: the nine Olist CSV files from a folder or zip, validated against the contract."""

from infrastructure.source.archive import ArchiveLimits
from infrastructure.source.errors import SourceError
from infrastructure.source.source_set import SourceSet, open_source, remove_dead_extractions

__all__ = ["ArchiveLimits", "SourceError", "SourceSet", "open_source", "remove_dead_extractions"]
