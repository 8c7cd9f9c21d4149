from __future__ import annotations

import os

from mercato.settings import Settings


def test_one_server_process_per_core_unless_told() -> None:
    assert Settings.from_env({}).workers == (os.cpu_count() or 1)
    assert Settings.from_env({"MERCATO_WORKERS": "3"}).workers == 3
