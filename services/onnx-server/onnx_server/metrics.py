"""Prometheus metrics and the request log, as one pure ASGI middleware."""

from __future__ import annotations

import logging
import time

from prometheus_client import CollectorRegistry, Counter, Gauge, Histogram

LATENCY_BUCKETS = (
    0.00005, 0.0001, 0.00025, 0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1.0, 2.5,
)
ROW_BUCKETS = (1, 2, 4, 8, 16, 32, 64, 128, 256, 512, 1024, 4096)


class Metrics:
    """The service's metrics, in their own registry (so several apps can live in one process)."""

    def __init__(self) -> None:
        self.registry = CollectorRegistry(auto_describe=True)
        self.requests = Counter(
            "http_requests_total", "HTTP requests by method, route and status.", ["method", "route", "status"],
            registry=self.registry,
        )
        self.latency = Histogram(
            "http_request_duration_seconds", "Time from request start to response end, by route.", ["route"],
            buckets=LATENCY_BUCKETS, registry=self.registry,
        )
        self.rows = Histogram(
            "infer_rows_per_request", "Input vectors per successful POST /infer.", buckets=ROW_BUCKETS,
            registry=self.registry,
        )
        self.inferred_rows = Counter("infer_rows_total", "Input vectors evaluated.", registry=self.registry)
        self.models_loaded = Gauge("models_loaded", "Models currently loaded.", registry=self.registry)


class RequestLog:
    """Logs `POST /infer - 200 - 0.12ms` for each request and records the metrics.

    A pure ASGI middleware (cheaper than Starlette's BaseHTTPMiddleware). The
    route label is the matched route's template (`/v1/models/{model_id}`), or
    `unmatched`, so unknown paths cannot blow up the label count.
    """

    def __init__(self, app, metrics: Metrics, logger: logging.Logger) -> None:
        self.app = app
        self.metrics = metrics
        self.logger = logger

    async def __call__(self, scope, receive, send):
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        start = time.perf_counter()
        status = 500

        async def send_and_watch(message):
            nonlocal status
            if message["type"] == "http.response.start":
                status = message["status"]
            await send(message)

        try:
            await self.app(scope, receive, send_and_watch)
        finally:
            elapsed = time.perf_counter() - start
            route = scope.get("route")
            label = getattr(route, "path", None) or "unmatched"
            method = scope["method"]
            self.metrics.requests.labels(method, label, str(status)).inc()
            self.metrics.latency.labels(label).observe(elapsed)
            if self.logger.isEnabledFor(logging.INFO):
                self.logger.info("%s %s - %d - %.2fms", method, scope["path"], status, elapsed * 1000)
