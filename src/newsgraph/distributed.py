"""The Ray engine: the job's tasks run on a pool of Ray actors, each holding one spaCy
pipeline (``pipeline.Extractor``, loaded once per actor), one task at a time.

``address`` connects to an existing cluster (``auto`` on a cluster node, or
``ray://head:10001``); without it a local Ray instance with ``workers`` CPUs is started and
stopped with the job. A Ray session already initialised in this process (a notebook, a test)
is used as it is and left running. Each actor writes its outputs itself, so on a cluster the
output directory must be one path that every node sees (a shared filesystem); the job's
driver keeps the manifest. Ray is an optional extra: ``pip install 'newsgraph[ray]'``.
"""

from __future__ import annotations

import socket
from collections.abc import Iterable, Iterator
from typing import Any

from newsgraph.jobs.plan import Task
from newsgraph.jobs.task import TaskResult, run_task, worker_id
from newsgraph.pipeline import Extractor, Options

LOCAL_OBJECT_STORE_BYTES = 128 << 20  # results are small; keep a local instance lean
INSTALL_HINT = "the ray engine needs Ray: pip install 'newsgraph[ray]'"


class RayUnavailable(ImportError):
    """Ray is not installed."""


def import_ray() -> Any:
    try:
        import ray
    except ImportError as e:
        raise RayUnavailable(f"{INSTALL_HINT} ({e})") from None
    return ray


def check_reachable(address: str, timeout: float = 5.0) -> None:
    """Fail fast for a HOST:PORT nobody listens on (Ray itself retries for minutes)."""
    host, sep, port = address.rpartition(":")
    if not sep or "://" in address or not port.isdigit():
        return  # auto, ray://..., or a form Ray resolves itself
    try:
        socket.create_connection((host.strip("[]"), int(port)), timeout=timeout).close()
    except OSError as e:
        raise ConnectionError(f"no Ray cluster answers at {address}: {e}") from None


class RayWorker:
    """The actor: one Extractor, one task at a time."""

    def __init__(self, options: Options) -> None:
        self.extractor = Extractor(options)

    def ready(self) -> str:
        return worker_id()

    def run(self, task: Task) -> TaskResult:
        return run_task(self.extractor, task)


class RayEngine:
    """Runs tasks on Ray actors; results as tasks finish."""

    name = "ray"

    def __init__(self, options: Options, workers: int | None, address: str | None) -> None:
        self.options = options
        self.workers = workers or 0  # 0: one actor per CPU of the cluster
        self.address = address
        self._ray: Any = None
        self._owns = False
        self._actors: list[Any] = []
        self._actor_class: Any = None

    def start(self) -> None:
        """Connect (or start a local instance) and wait until every actor has loaded."""
        ray = self._ray = import_ray()
        if not ray.is_initialized():
            if self.address:
                check_reachable(self.address)
                ray.init(address=self.address, logging_level="warning")
            else:
                ray.init(
                    address="local", num_cpus=self.workers or None, include_dashboard=False,
                    object_store_memory=LOCAL_OBJECT_STORE_BYTES, logging_level="warning",
                )
            self._owns = True
        if not self.workers:
            self.workers = max(1, int(ray.cluster_resources().get("CPU", 1)))
        self._actor_class = ray.remote(num_cpus=1, max_restarts=0)(RayWorker)
        self._actors = [self._new_actor() for _ in range(self.workers)]
        ray.get([a.ready.remote() for a in self._actors])

    def _new_actor(self) -> Any:
        return self._actor_class.remote(self.options)

    def map(self, tasks: Iterable[Task]) -> Iterator[TaskResult]:
        if self._ray is None:
            self.start()
        ray = self._ray
        from ray.exceptions import RayActorError, RayError

        todo = iter(tasks)
        idle = list(self._actors)
        running: dict[Any, tuple[Any, Task]] = {}
        while True:
            while idle:
                task = next(todo, None)
                if task is None:
                    break
                actor = idle.pop()
                running[actor.run.remote(task)] = (actor, task)
            if not running:
                return
            ready, _ = ray.wait(list(running), num_returns=1)
            for ref in ready:
                actor, task = running.pop(ref)
                try:
                    result = ray.get(ref)
                except RayActorError as e:  # the actor's process died: replace it
                    self._actors.remove(actor)
                    actor = self._new_actor()
                    self._actors.append(actor)
                    result = TaskResult(task.input, task.output,
                                        error=f"the Ray worker died on this input: {e}")
                except RayError as e:
                    result = TaskResult(task.input, task.output, error=f"Ray: {e}")
                idle.append(actor)
                yield result

    def close(self) -> None:
        ray = self._ray
        if ray is None:
            return
        for actor in self._actors:
            ray.kill(actor)
        self._actors = []
        if self._owns:
            ray.shutdown()
            self._owns = False
        self._ray = None
