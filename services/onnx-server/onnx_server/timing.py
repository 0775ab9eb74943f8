"""Per-request timings of inference, reported as the W3C Server-Timing header."""

from __future__ import annotations

import time
from dataclasses import dataclass, field
from typing import Callable, TypeVar

T = TypeVar("T")


@dataclass
class Timings:
    """The four phases of one inference request, in seconds.

    decode: reading and checking the body into arrays; queue: waiting for a
    compute slot; compute: ONNX Runtime; encode: writing the answer.

    The service evaluates models on the event loop itself (measured: a compute
    thread cost about a fifth of batch-1 throughput and tripled p99 latency
    through GIL hand-offs), so no request waits for a compute slot and `queue`
    is 0; a request waiting for the loop while another one computes waits inside
    its body read, which is counted in `decode`. The header keeps all four parts
    so that clients read one format from this service and from `dashboard serve`.
    """

    start: float = field(default_factory=time.perf_counter)
    decode: float = 0.0
    queue: float = 0.0
    compute: float = 0.0
    encode: float = 0.0

    def run(self, fn: Callable[[], T]) -> T:
        """Runs `fn` (the model evaluation) and adds its duration to `compute`."""
        began = time.perf_counter()
        try:
            return fn()
        finally:
            self.compute += time.perf_counter() - began

    def header(self) -> str:
        """The Server-Timing value, durations in milliseconds."""
        return ", ".join(
            f"{name};dur={seconds * 1000:.3f}"
            for name, seconds in (("decode", self.decode), ("queue", self.queue), ("compute", self.compute), ("encode", self.encode))
        )
