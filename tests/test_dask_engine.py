"""The Dask engine gives byte-equal figures to the local engine (2-worker LocalCluster,
loopback only)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from compare import AuditSettings, audit_reports
from compare.cli import main

from .conftest import SAMPLES

pytest.importorskip("dask.distributed")

CORPUS = Path(__file__).resolve().parents[2] / "shared" / "corpus"


def _json(data: object) -> str:
    return json.dumps(data, ensure_ascii=False, indent=1)


@pytest.fixture(scope="module")
def scheduler() -> object:
    from dask.distributed import LocalCluster

    with LocalCluster(
        n_workers=2, threads_per_worker=1, host="127.0.0.1", dashboard_address="127.0.0.1:0"
    ) as cluster:
        yield cluster.scheduler_address


def test_dask_audit_of_the_real_corpus_is_byte_equal_to_local(scheduler: str) -> None:
    folder = CORPUS if CORPUS.is_dir() else SAMPLES
    settings = AuditSettings(min_reuse=0.05)
    local = audit_reports([str(folder)], settings, jobs=1)
    dask = audit_reports([str(folder)], settings, engine="dask", scheduler=scheduler)
    assert len(dask.corpus.records) == len(local.corpus.records) >= 5
    assert dask.result.pairs, "the real corpus has pairs at 5% reuse"
    assert _json(dask.result.to_json()) == _json(local.result.to_json())


def test_cli_engine_dask_with_a_scheduler(scheduler: str, tmp_path: Path) -> None:
    out_local, out_dask = tmp_path / "local.json", tmp_path / "dask.json"
    args = ["audit", str(SAMPLES), "--min-reuse", "0"]
    assert CliRunner().invoke(main, [*args, "--json", str(out_local)]).exit_code == 0
    result = CliRunner().invoke(
        main, [*args, "--json", str(out_dask), "--engine", "dask", "--scheduler", scheduler]
    )
    assert result.exit_code == 0, result.output
    assert out_dask.read_bytes() == out_local.read_bytes()


def test_unreachable_scheduler_is_one_line(tmp_path: Path) -> None:
    result = CliRunner().invoke(
        main,
        ["audit", str(SAMPLES), "--engine", "dask", "--scheduler", "tcp://127.0.0.1:9"],
    )
    assert result.exit_code == 1
    assert "no Dask scheduler answers" in result.stderr
    assert "Traceback" not in result.stderr
