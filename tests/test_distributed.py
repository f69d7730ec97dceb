"""The Ray engine: the same records as one process and as the local pool, on a local Ray
instance with 2 CPUs (started once for the module), in-process and through the CLI joining
that instance with --address."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from newsgraph.jobs import JobSpec, Manifest, read_records, run_job
from tests.test_jobs import outputs, write_corpus

ray = pytest.importorskip(
    "ray", reason="Ray is not installed (pip install -e '.[ray]' to run the Ray engine tests)"
)


@pytest.fixture(scope="module")
def corpus(tmp_path_factory: pytest.TempPathFactory) -> list[str]:
    return write_corpus(tmp_path_factory.mktemp("in"))


@pytest.fixture(scope="module")
def reference(corpus: list[str], tmp_path_factory: pytest.TempPathFactory) -> dict[str, bytes]:
    """Outputs of one process, checked equal to those of two local workers. Runs before
    Ray starts in this process (the local pool forks, and forking beside Ray's threads is
    not safe)."""
    single = tmp_path_factory.mktemp("single")
    run_job(JobSpec(corpus, str(single), workers=1))
    pool = tmp_path_factory.mktemp("pool")
    run_job(JobSpec(corpus, str(pool), workers=2))
    assert outputs(pool) == outputs(single)
    return outputs(single)


@pytest.fixture(scope="module")
def ray_address(reference: dict[str, bytes]) -> str:
    ctx = ray.init(num_cpus=2, include_dashboard=False, object_store_memory=128 << 20,
                   logging_level="warning")
    yield ctx.address_info["address"]
    ray.shutdown()


def test_ray_actors_give_the_records_of_a_single_process(
    corpus: list[str], reference: dict[str, bytes], ray_address: str, tmp_path: Path
):
    report = run_job(JobSpec(corpus, str(tmp_path), engine="ray", workers=2))
    assert (report.engine, report.workers, report.processed) == ("ray", 2, 7)
    assert len(report.peak_rss_kb) == 2  # two actors did the work
    assert outputs(tmp_path) == reference
    assert ray.is_initialized()  # a session it did not start is left running


def test_cli_joins_a_running_cluster_and_writes_parquet(
    corpus: list[str], reference: dict[str, bytes], ray_address: str, tmp_path: Path
):
    proc = subprocess.run(
        [sys.executable, "-m", "newsgraph", "extract", *corpus, "-o", f"{tmp_path}/",
         "--engine", "ray", "--address", ray_address, "--output-format", "parquet"],
        capture_output=True, timeout=600,
    )
    err = proc.stderr.decode()
    assert proc.returncode == 1, err  # one bad input document, as in every engine
    assert "7 inputs: 7 processed, 0 already complete, 0 failed; 14 documents, 1 failed" in err
    entries = Manifest(tmp_path).entries.values()
    assert {e["worker"] for e in entries} and all(e["status"] == "done" for e in entries)
    for name, data in reference.items():
        parquet = tmp_path / (name.removesuffix(".jsonl") + ".parquet")
        assert [r.to_json() for r in read_records(parquet)] == data.decode().splitlines()


def test_an_address_where_no_cluster_answers_fails_fast():
    import socket

    from newsgraph.distributed import check_reachable

    with socket.socket() as s:  # a loopback port that is bound but not listening
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
        with pytest.raises(ConnectionError, match="no Ray cluster answers"):
            check_reachable(f"127.0.0.1:{port}", timeout=2)
    check_reachable("auto")  # resolved by Ray itself
