"""The composition root: the only module that decides which adapter backs which port."""

from __future__ import annotations

import threading
from collections.abc import Callable, Iterator
from functools import partial
from importlib import import_module
from pathlib import Path
from typing import TYPE_CHECKING, Any

from dependency_injector import containers, providers

from domain.events.dispatcher import EventDispatcher
from domain.events.pipeline import SnapshotPublished
from workbench.application.config import Settings

if TYPE_CHECKING:
    from domain.repositories.metadata_store import MetadataStore
    from domain.repositories.run_profiles import RunProfiles
    from domain.services.pricing import PricingService
    from domain.services.segmentation import SegmentationService
    from domain.services.seller_health import SellerHealth
    from infrastructure.analytics.warehouse_reader import WarehouseReader
    from infrastructure.duckdb_connection import DuckDbResources
    from infrastructure.quality.failing_rows import PublishedFailingRows
    from infrastructure.warehouse import WarehouseBuilder
    from workbench.application.alerts import AlertService, Notifier
    from workbench.application.demo import DemoService
    from workbench.application.explorer import ExplorerService
    from workbench.application.exports import ExportService
    from workbench.application.ingestion import IngestionService
    from workbench.application.kpis import KpiService
    from workbench.application.metadata_backup import MetadataBackupService
    from workbench.application.quality import QualityService
    from workbench.application.quality_document import QualityDocumentService
    from workbench.application.recovery import StartupRecovery
    from workbench.application.rule_suggestions import RuleSuggestionService
    from workbench.application.runs import RunHistoryService
    from workbench.application.saved_views import SavedViewsService
    from workbench.application.segment_snapshots import SegmentSnapshotRecorder
    from workbench.application.segments import SegmentService
    from workbench.application.shipping import FreightCalibrationService
    from workbench.application.snapshots import ChecksumRecorder, SnapshotService
    from workbench.application.sql_console import SqlConsoleService
    from workbench.application.status import StatusService


def _on_first_use(module: str, name: str) -> Callable[..., Any]:
    """`module.name` (an adapter class or function), imported when first called: the adapters
    load DuckDB, Arrow, polars and psycopg, which the first frame must not wait for (issue 16)."""

    def call(*args: Any, **kwargs: Any) -> Any:
        return getattr(import_module(module), name)(*args, **kwargs)

    call.__qualname__ = call.__name__ = f"{module}.{name}"
    return call


CommandNotifier = _on_first_use("infrastructure.alerts.notifiers", "CommandNotifier")
WebhookNotifier = _on_first_use("infrastructure.alerts.notifiers", "WebhookNotifier")
open_snapshot = _on_first_use("infrastructure.analytics.snapshot_reader", "open_snapshot")
WarehouseSqlRunner = _on_first_use("infrastructure.analytics.sql_runner", "WarehouseSqlRunner")
result_text = _on_first_use("infrastructure.exporters.arrow_writer", "result_text")
write_result = _on_first_use("infrastructure.exporters.arrow_writer", "write_result")
frame_text = _on_first_use("infrastructure.exporters.frame_writer", "frame_text")
write_frame = _on_first_use("infrastructure.exporters.frame_writer", "write_frame")
backup_metadata = _on_first_use("infrastructure.metadata.backup", "backup")
restore_metadata = _on_first_use("infrastructure.metadata.backup", "restore")
OperationsLog = _on_first_use("infrastructure.metadata.operations_log", "OperationsLog")
SqlQueryHistory = _on_first_use("infrastructure.metadata.query_history", "SqlQueryHistory")
SqliteMetadataStore = _on_first_use("infrastructure.metadata.sqlite_store", "SqliteMetadataStore")
file_checksum = _on_first_use("infrastructure.publish.snapshot_files", "file_checksum")
restamped_copy = _on_first_use("infrastructure.publish.snapshot_files", "restamped_copy")
SnapshotStore = _on_first_use("infrastructure.publish.snapshot_store", "SnapshotStore")
StoredRulesGate = _on_first_use("infrastructure.quality.gate", "StoredRulesGate")
DuckDbCustomerRepository = _on_first_use("infrastructure.repositories", "DuckDbCustomerRepository")
DuckDbDeliveryRepository = _on_first_use("infrastructure.repositories", "DuckDbDeliveryRepository")
DuckDbOrderRepository = _on_first_use("infrastructure.repositories", "DuckDbOrderRepository")
DuckDbProductRepository = _on_first_use("infrastructure.repositories", "DuckDbProductRepository")
DuckDbSellerRepository = _on_first_use("infrastructure.repositories", "DuckDbSellerRepository")
open_source = _on_first_use("infrastructure.source", "open_source")
remove_dead_extractions = _on_first_use("infrastructure.source", "remove_dead_extractions")
SqlRunProfiles = _on_first_use("infrastructure.metadata.run_profiles", "SqlRunProfiles")
MonitorChecks = _on_first_use("infrastructure.quality.monitors", "MonitorChecks")
WarehouseProfiler = _on_first_use("infrastructure.quality.profiler", "WarehouseProfiler")
PublishedReconciliation = _on_first_use(
    "infrastructure.warehouse.reconcile", "PublishedReconciliation"
)
warehouse_lineage = _on_first_use("infrastructure.warehouse.lineage", "warehouse_lineage")


if not TYPE_CHECKING:  # the services load when first asked for: the first screen needs few of them
    PricingService = _on_first_use("domain.services.pricing", "PricingService")
    SegmentationService = _on_first_use("domain.services.segmentation", "SegmentationService")
    SellerHealth = _on_first_use("domain.services.seller_health", "SellerHealth")
    AlertService = _on_first_use("workbench.application.alerts", "AlertService")
    DemoService = _on_first_use("workbench.application.demo", "DemoService")
    ExplorerService = _on_first_use("workbench.application.explorer", "ExplorerService")
    ExportService = _on_first_use("workbench.application.exports", "ExportService")
    IngestionService = _on_first_use("workbench.application.ingestion", "IngestionService")
    KpiService = _on_first_use("workbench.application.kpis", "KpiService")
    MetadataBackupService = _on_first_use(
        "workbench.application.metadata_backup", "MetadataBackupService"
    )
    QualityService = _on_first_use("workbench.application.quality", "QualityService")
    QualityDocumentService = _on_first_use(
        "workbench.application.quality_document", "QualityDocumentService"
    )
    StartupRecovery = _on_first_use("workbench.application.recovery", "StartupRecovery")
    RuleSuggestionService = _on_first_use(
        "workbench.application.rule_suggestions", "RuleSuggestionService"
    )
    RunHistoryService = _on_first_use("workbench.application.runs", "RunHistoryService")
    SavedViewsService = _on_first_use("workbench.application.saved_views", "SavedViewsService")
    SegmentSnapshotRecorder = _on_first_use(
        "workbench.application.segment_snapshots", "SegmentSnapshotRecorder"
    )
    SegmentService = _on_first_use("workbench.application.segments", "SegmentService")
    FreightCalibrationService = _on_first_use(
        "workbench.application.shipping", "FreightCalibrationService"
    )
    ChecksumRecorder = _on_first_use("workbench.application.snapshots", "ChecksumRecorder")
    SnapshotService = _on_first_use("workbench.application.snapshots", "SnapshotService")
    SqlConsoleService = _on_first_use("workbench.application.sql_console", "SqlConsoleService")
    StatusService = _on_first_use("workbench.application.status", "StatusService")


# psycopg and the generator (numpy) load only when used: they cost a tenth of a second at start-up.
def _postgres_store(settings: Settings) -> Iterator[MetadataStore]:
    from infrastructure.metadata.postgres_store import PostgresMetadataStore, PostgresTimeouts

    timeouts = PostgresTimeouts(
        connect=settings.connect_timeout,
        statement=settings.statement_timeout,
        pool=settings.pool_timeout,
        keepalives_idle=settings.keepalives_idle,
        keepalives_interval=settings.keepalives_interval,
        keepalives_count=settings.keepalives_count,
    )
    store = PostgresMetadataStore(settings.metadata_dsn, timeouts)
    try:
        yield store
    finally:
        store.close()


def _generate(out_dir: Path, scale: float, seed: int, **options: Any) -> Any:
    from infrastructure.generator import generate

    return generate(out_dir, scale, seed, **options)


def _sqlite_store(settings: Settings) -> Iterator[MetadataStore]:
    store = SqliteMetadataStore(settings.sqlite_path, timeout=settings.connect_timeout)
    try:
        yield store
    finally:
        store.close()


def _duckdb_resources(settings: Settings) -> DuckDbResources:
    """What each DuckDB connection the workbench opens may use (see duckdb_connection)."""
    from infrastructure.duckdb_connection import DuckDbResources

    return DuckDbResources(
        threads=settings.duckdb_threads,
        memory_limit=settings.duckdb_memory_limit,
        temp_directory=settings.duckdb_temp_directory,
    )


def _failing_rows(
    store: MetadataStore, settings: Settings, resources: DuckDbResources, profiles: RunProfiles
) -> Iterator[PublishedFailingRows]:
    from infrastructure.quality.failing_rows import PublishedFailingRows

    monitors = MonitorChecks(store, profiles)
    rows = PublishedFailingRows(
        store, settings.warehouse_path, settings.warehouse_id, resources, monitors
    )
    try:
        yield rows
    finally:
        rows.close()


def _warehouse(settings: Settings, resources: DuckDbResources) -> Iterator[WarehouseReader]:
    from infrastructure.analytics.warehouse_reader import WarehouseReader

    reader = WarehouseReader(settings.warehouse_path, resources)
    try:
        yield reader
    finally:
        reader.close()


def _backend(settings: Settings) -> str:
    return settings.metadata_backend


def _alerts(settings: Settings, store: MetadataStore) -> Iterator[AlertService]:
    """The notifiers of [alerts]; at shutdown, what is still queued gets `deadline` seconds."""
    config = settings.alerts
    notifiers: list[Notifier] = []
    if config.webhook_url:
        notifiers.append(WebhookNotifier(config.webhook_url))
    if config.command:
        notifiers.append(CommandNotifier(config.command))
    service = AlertService(config, notifiers, OperationsLog(store), store, settings.warehouse_id)
    try:
        yield service
    finally:
        service.drain()


def _dispatcher(
    store: MetadataStore, warehouse_id: str, resources: DuckDbResources, alerts: AlertService
) -> EventDispatcher:
    """The app's one event dispatcher, with the segment snapshot and checksum recorders
    listening."""
    events = EventDispatcher()
    _when_published(
        events,
        "SegmentSnapshotRecorder",
        lambda own: SegmentSnapshotRecorder(
            store, own, partial(open_snapshot, resources=resources), warehouse_id=warehouse_id
        ),
    )
    _when_published(
        events,
        "ChecksumRecorder",
        lambda own: ChecksumRecorder(
            OperationsLog(store), own, file_checksum, warehouse_id=warehouse_id
        ),
    )
    alerts.subscribe(events)  # last: it only queues, delivery is off the publish path
    return events


def _when_published(
    events: EventDispatcher, name: str, make: Callable[[EventDispatcher], object]
) -> None:
    """A recorder of published snapshots, made at the first one (on the worker's thread of the
    run that publishes it): their modules load the segment figures and the run record, which the
    first frame does not need. It listens on a dispatcher of its own, fed from `events`; its
    failure is the handler's, named after it."""
    own = EventDispatcher()
    made: list[object] = []
    making = threading.Lock()

    def record(event: SnapshotPublished) -> None:
        with making:
            if not made:
                made.append(make(own))
        for failure in own.publish(event):
            raise failure.error

    record.__qualname__ = record.__name__ = name
    events.subscribe(SnapshotPublished, record)


def _builds(
    resources: DuckDbResources, purchase_tolerance_days: int
) -> Callable[..., WarehouseBuilder]:
    from infrastructure.warehouse import WarehouseBuilder

    return partial(
        WarehouseBuilder, resources=resources, purchase_tolerance_days=purchase_tolerance_days
    )


def _source_file_names() -> tuple[str, ...]:
    from infrastructure.source.contract import SOURCE_FILES

    return tuple(source.file_name for source in SOURCE_FILES)


def _dbt_project_writer(store: MetadataStore, settings: Settings) -> Callable[[Path, Path], Any]:
    """Writes the dbt project of `workbench dbt-project` (target, source) from the stored rules."""
    from infrastructure.dbt import write_dbt_project

    def write(target: Path, source: Path) -> Any:
        rules = store.list_rules()
        return write_dbt_project(target, source, rules, settings.purchase_date_tolerance_days)

    return write


_opening = threading.RLock()


class _OpenedOnce(providers.Resource):  # type: ignore[type-arg]
    """A resource that threads may open at once: one opens it, the others wait for it. (Two
    threads opening a plain Resource would open two, the loser's closed under its feet; the TUI's
    workers open the warehouse on first use, after the first frame.)"""

    def __call__(self, *args: Any, **kwargs: Any) -> Any:
        with _opening:
            return super().__call__(*args, **kwargs)


class Container(containers.DeclarativeContainer):
    """Resources open lazily on first use and close in `shutdown_resources()`."""

    settings = providers.Dependency(instance_of=Settings)

    metadata_store = providers.Selector(
        providers.Callable(_backend, settings),
        postgres=_OpenedOnce(_postgres_store, settings),
        sqlite=_OpenedOnce(_sqlite_store, settings),
    )
    duckdb_resources = providers.Singleton(_duckdb_resources, settings)
    warehouse = _OpenedOnce(_warehouse, settings, duckdb_resources)
    alerts = _OpenedOnce(_alerts, settings, metadata_store)
    events = providers.Singleton(
        _dispatcher, metadata_store, settings.provided.warehouse_id, duckdb_resources, alerts
    )
    snapshots = providers.Singleton(
        SnapshotStore,
        settings.provided.warehouse_path,
        settings.provided.snapshots_keep,
        duckdb_resources,
    )

    run_history = providers.Factory(
        RunHistoryService, store=metadata_store, warehouse_id=settings.provided.warehouse_id
    )
    recovery = providers.Factory(
        StartupRecovery,
        store=metadata_store,
        snapshots=snapshots,
        clean_extractions=providers.Object(remove_dead_extractions),
        warehouse_id=settings.provided.warehouse_id,
        events=events,  # a run it settles as interrupted alerts like a failed one
    )
    run_profiles = providers.Singleton(SqlRunProfiles, metadata_store)
    quality_gate = providers.Singleton(
        StoredRulesGate,
        metadata_store,
        profiles=run_profiles,
        time_limit_s=settings.provided.rule_time_limit,
        resources=duckdb_resources,
        sample_rows=settings.provided.quality_sample_rows,
    )
    failing_rows = _OpenedOnce(
        _failing_rows, metadata_store, settings, duckdb_resources, run_profiles
    )
    ingestion = providers.Factory(
        IngestionService,
        store=metadata_store,
        events=events,
        open_source=providers.Object(open_source),
        new_build=providers.Callable(
            _builds, duckdb_resources, settings.provided.purchase_date_tolerance_days
        ),
        snapshots=snapshots,
        gate=quality_gate,
        profiles=run_profiles,
        warehouse_id=settings.provided.warehouse_id,
    )
    # What an orchestrator shows of the pipeline (issue 19): the models with their inputs, and
    # the file names that make a folder an export.
    model_lineage = providers.Object(warehouse_lineage)
    source_file_names = providers.Callable(_source_file_names)
    quality = providers.Factory(
        QualityService,
        store=metadata_store,
        gate=quality_gate,
        failing_rows=failing_rows,
        warehouse_path=settings.provided.warehouse_path,
        warehouse_id=settings.provided.warehouse_id,
    )
    quality_document = providers.Factory(
        QualityDocumentService,
        quality=quality,
        store=metadata_store,
        reconciliation=providers.Factory(PublishedReconciliation, warehouse),
        warehouse_id=settings.provided.warehouse_id,
    )
    rule_suggestions = providers.Factory(
        RuleSuggestionService,
        store=metadata_store,
        profiler=providers.Factory(
            WarehouseProfiler, settings.provided.warehouse_path, duckdb_resources
        ),
    )
    dataset_generator = providers.Object(_generate)
    dbt_project = providers.Callable(_dbt_project_writer, metadata_store, settings)
    demo = providers.Factory(
        DemoService,
        generate=dataset_generator,
        ingestion=ingestion,
        runs=run_history,
        data_dir=settings.provided.data_dir,
        warehouse_path=settings.provided.warehouse_path,
    )
    exports = providers.Factory(
        ExportService,
        store=metadata_store,
        warehouse=warehouse,
        write=providers.Object(write_frame),
        text=providers.Object(frame_text),
        warehouse_id=settings.provided.warehouse_id,
    )
    segments = providers.Factory(
        SegmentService,
        warehouse=warehouse,
        store=metadata_store,
        segmentation=providers.Singleton(SegmentationService),
        pricing=providers.Singleton(PricingService),
        warehouse_id=settings.provided.warehouse_id,
    )
    explorer = providers.Factory(
        ExplorerService,
        orders=providers.Singleton(DuckDbOrderRepository, warehouse),
        customers=providers.Singleton(DuckDbCustomerRepository, warehouse),
        sellers=providers.Singleton(DuckDbSellerRepository, warehouse),
        products=providers.Singleton(DuckDbProductRepository, warehouse),
        deliveries=providers.Singleton(DuckDbDeliveryRepository, warehouse),
        warehouse=warehouse,
    )
    freight = providers.Factory(FreightCalibrationService, warehouse=warehouse)
    kpis = providers.Factory(
        KpiService, warehouse=warehouse, health=providers.Singleton(SellerHealth)
    )
    saved_views = providers.Factory(SavedViewsService, store=metadata_store)
    metadata_backup = providers.Factory(
        MetadataBackupService,
        store=metadata_store,
        write=providers.Object(backup_metadata),
        read=providers.Object(restore_metadata),
    )
    snapshot_service = providers.Factory(
        SnapshotService,
        store=metadata_store,
        log=providers.Factory(OperationsLog, metadata_store),
        snapshots=snapshots,
        events=events,
        checksum=providers.Object(file_checksum),
        restamp=providers.Callable(partial, restamped_copy, resources=duckdb_resources),
        warehouse_id=settings.provided.warehouse_id,
    )
    status = providers.Factory(
        StatusService,
        runs=run_history,
        warehouse=warehouse,
        path=providers.Callable(str, settings.provided.warehouse_path),
        store=settings.provided.metadata_label,
        metadata=metadata_store,
        warehouse_id=settings.provided.warehouse_id,
    )
    # The SQL console (issue 17): one service, so the catalogue loads once per snapshot.
    sql_console = providers.Singleton(
        SqlConsoleService,
        runner=providers.Singleton(WarehouseSqlRunner, warehouse),
        history=providers.Singleton(SqlQueryHistory, metadata_store),
        write=providers.Object(write_result),
        text=providers.Object(result_text),
        warehouse_id=settings.provided.warehouse_id,
    )


def build_container(settings: Settings) -> Container:
    return Container(settings=settings)


def drain_alerts(container: Container) -> bool:
    """Give queued alerts their bounded time before the store they are recorded in closes;
    False when some were still undelivered at the deadline."""
    if container.alerts.initialized:
        drained: bool = container.alerts().drain()
        return drained
    return True


def open_resources(container: Container) -> None:
    """Open the metadata store now, on this thread: an unreachable store stops the start with
    its own error. The warehouse opens on first use (DuckDB loads then, not before the first
    frame)."""
    container.metadata_store()
