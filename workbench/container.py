"""The composition root: the only module that decides which adapter backs which port."""

from __future__ import annotations

from collections.abc import Iterator

from dependency_injector import containers, providers

from domain.events.dispatcher import EventDispatcher
from domain.repositories.metadata_store import MetadataStore
from infrastructure.metadata.postgres_store import PostgresMetadataStore
from infrastructure.metadata.sqlite_store import SqliteMetadataStore
from workbench.config import Settings
from workbench.services.runs import RunHistoryService
from workbench.services.status import StatusService


def _postgres_store(settings: Settings) -> Iterator[MetadataStore]:
    store = PostgresMetadataStore(settings.metadata_dsn, connect_timeout=settings.connect_timeout)
    try:
        yield store
    finally:
        store.close()


def _sqlite_store(settings: Settings) -> Iterator[MetadataStore]:
    store = SqliteMetadataStore(settings.sqlite_path)
    try:
        yield store
    finally:
        store.close()


def _backend(settings: Settings) -> str:
    return settings.metadata_backend


class Container(containers.DeclarativeContainer):
    """Resources open lazily on first use and close in `shutdown_resources()`."""

    settings = providers.Dependency(instance_of=Settings)

    metadata_store = providers.Selector(
        providers.Callable(_backend, settings),
        postgres=providers.Resource(_postgres_store, settings),
        sqlite=providers.Resource(_sqlite_store, settings),
    )
    events = providers.Singleton(EventDispatcher)

    run_history = providers.Factory(RunHistoryService, store=metadata_store)
    status = providers.Factory(
        StatusService,
        runs=run_history,
        warehouse=providers.Callable(str, settings.provided.warehouse_path),
        store=settings.provided.metadata_label,
    )


def build_container(settings: Settings) -> Container:
    return Container(settings=settings)
