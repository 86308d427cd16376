"""A screen's opening load (`IdleLoad`) is the app's, once, and does not keep the app alive."""

from __future__ import annotations

import gc
from weakref import ref

from textual.app import App

from screens.idle_load import IdleLoad


class Counted(IdleLoad[int]):
    GROUP = "counted"


def test_one_load_per_app_and_kind() -> None:
    app, other = App[None](), App[None]()
    assert Counted.of(app) is Counted.of(app)
    assert Counted.of(app) is not Counted.of(other)
    assert Counted.of(app).app is app


def test_an_app_gone_takes_its_loads_with_it() -> None:
    app = App[None]()
    Counted.of(app)
    gone = ref(app)
    del app
    gc.collect()
    assert gone() is None, "the registry's load held its app"


def test_forgetting_an_app_drops_its_loads() -> None:
    app = App[None]()
    first = Counted.of(app)
    IdleLoad.forget(app)
    assert Counted.of(app) is not first
