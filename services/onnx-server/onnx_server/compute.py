"""One compute thread for ONNX Runtime, and the per-request timings reported as Server-Timing."""

from __future__ import annotations

import asyncio
import time
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from typing import Callable, TypeVar

T = TypeVar("T")


@dataclass
class Timings:
    """The four phases of one inference request, in seconds.

    decode: reading and checking the body into arrays; queue: waiting for the
    compute thread; compute: ONNX Runtime; encode: writing the answer.
    """

    start: float = field(default_factory=time.perf_counter)
    decode: float = 0.0
    queue: float = 0.0
    compute: float = 0.0
    encode: float = 0.0

    def header(self) -> str:
        """The W3C Server-Timing value, durations in milliseconds."""
        return ", ".join(
            f"{name};dur={seconds * 1000:.3f}"
            for name, seconds in (("decode", self.decode), ("queue", self.queue), ("compute", self.compute), ("encode", self.encode))
        )


class ComputeWorker:
    """Runs model evaluations on one thread, so the event loop keeps reading requests meanwhile.

    Sessions run with one intra-op thread, so one compute thread keeps the
    service at about one core for inference; requests wait their turn, and that
    wait is the `queue` phase of Server-Timing.
    """

    def __init__(self) -> None:
        self._executor = ThreadPoolExecutor(max_workers=1, thread_name_prefix="onnx-compute")

    async def run(self, fn: Callable[[], T], timings: Timings) -> T:
        """Runs `fn` on the compute thread; adds its wait and run time to `timings`."""
        submitted = time.perf_counter()
        marks: list[float] = []

        def timed() -> T:
            marks.append(time.perf_counter())
            try:
                return fn()
            finally:
                marks.append(time.perf_counter())

        try:
            return await asyncio.get_running_loop().run_in_executor(self._executor, timed)
        finally:
            if len(marks) == 2:
                timings.queue += marks[0] - submitted
                timings.compute += marks[1] - marks[0]

    def shutdown(self) -> None:
        self._executor.shutdown(wait=False, cancel_futures=True)
