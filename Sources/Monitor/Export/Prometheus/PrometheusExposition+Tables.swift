import Engine

/// The families of the exposition, one row each: name, help, accessor. Adding a
/// figure of the snapshot is adding a row here.
extension PrometheusExposition {
    /// Training-wide figures (no labels).
    static let training: [ScalarFamily<MetricsSnapshot>] = [
        .gauge("dashboard_uptime_seconds", "Seconds since training started.") { $0.uptimeSeconds },
        .gauge("dashboard_worker_threads", "Worker threads evaluating the population.") { Double($0.training.threads) },
        .gauge("dashboard_training_paused", "1 while training is paused from the monitor, else 0.") { $0.training.paused ? 1 : 0 },
        .gauge("dashboard_generation", "Generations finished in the current run of the population.") { Double($0.training.generation) },
        .gauge("dashboard_generations_per_second",
               "Generations finished per second over the last 10 s, all modes; per mode: rate(dashboard_generations_total[1m]).") {
            GenerationRate.perSecond($0)
        },
        .gauge("dashboard_population_size", "Genomes in the population.") { Double($0.training.populationSize) },
        .gauge("dashboard_species", "Species in the population after the last generation.") { Double($0.training.speciesCount) },
        .gauge("dashboard_best_fitness", "Best fitness of the last generation.") { $0.training.bestFitness },
        .gauge("dashboard_mean_fitness", "Mean fitness of the last generation.") { $0.training.meanFitness },
        .gauge("dashboard_champion_win_ratio",
               "Win rate of the last generation's champion against the reference bot, 0 to 1 (duel only).") { $0.training.championWinRate },
    ]

    /// Figures per inference mode (label `mode`), in the order modes first ran.
    static let perMode: [ModeFamily] = [
        .gauge("dashboard_mode_current", "1 for the inference mode in use, 0 for the other modes that have run.") { f, s in
            f.mode == s.currentMode ? 1 : 0
        },
        .counter("dashboard_mode_active_seconds_total", "Seconds of training in this mode, pauses excluded.") { $0.activeSeconds },
        .counter("dashboard_generations_total", "Generations finished in this mode.") { Double($0.generations) },
        .counter("dashboard_inference_requests_total",
                 "Inference calls: one per tick batch on the CPU, one per successful HTTP request in remote modes.") { Double($0.requests) },
        .counter("dashboard_inference_vectors_total", "Input vectors (rows) evaluated.") { Double($0.vectors) },
        .counter("dashboard_inference_errors_total", "Inference requests that failed.") { Double($0.errors) },
        .counter("dashboard_inference_retries_total", "Remote requests retried after a transient failure.") { Double($0.retries) },
        .histogram("dashboard_inference_duration_seconds",
                   "Wait for one inference call (a worker's tick batch of observations), seconds.",
                   bounds: CumulativeBuckets.latencyBounds) { $0.inferenceDistribution },
        .histogram("dashboard_match_duration_seconds", "Wall time of one match, seconds.",
                   bounds: CumulativeBuckets.matchBounds) { $0.matchDistribution },
        // Remote modes' per-request HTTP latency joins here as dashboard_remote_request_duration_seconds
        // (latency bounds, nil for .cpu) once the snapshot carries its distribution, not only its percentiles.
        .gauge("dashboard_tick_mean_seconds",
               "Mean simulation tick time (one lockstep tick of a worker's live matches) since the mode first ran, seconds.") { f, _ in
            f.meanTickMicros / 1e6
        },
        .gauge("dashboard_generation_inference_mean_seconds",
               "Mean inference time per generation (every call of a generation summed), seconds.") { f, _ in
            f.inferenceMillisPerGeneration / 1e3
        },
        .split("dashboard_request_breakdown_mean_seconds",
               "Remote modes: mean time of each part of a request's round trip (label part: client_encode, wire, server_decode, server_queue, server_compute, server_encode, client_decode), seconds, over the requests whose server time is known (dashboard_request_breakdown_requests says from where).",
               label: "part") { f in
            f.breakdown.map { b in BreakdownPart.allCases.map { ($0.rawValue, b[$0].mean / 1e6) } } ?? []
        },
        .split("dashboard_request_breakdown_p99_seconds",
               "Remote modes: 99th percentile of each part of a request's round trip (label part), seconds.", label: "part") { f in
            f.breakdown.map { b in BreakdownPart.allCases.map { ($0.rawValue, b[$0].p99 / 1e6) } } ?? []
        },
        .split("dashboard_request_breakdown_requests",
               "Remote modes: requests split into parts, by where the server's parts came from (label source: header for each answer's Server-Timing, statistics for a window's mean from the server's v2 statistics).",
               label: "source") { f in
            f.breakdown.map { b in [("header", Double(b.requests - b.statisticsRequests)), ("statistics", Double(b.statisticsRequests))] } ?? []
        },
        .split("dashboard_bottleneck",
               "The mode's bottleneck verdict (label kind: client-bound, server-bound, network-bound, CPU-bound, memory-bound, no single bottleneck); always 1.",
               label: "kind") { f in
            f.bottleneck.map { [($0.kind.rawValue, 1)] } ?? []
        },
    ]

    /// This process, from /proc (the names every Prometheus client library uses).
    static let process: [ScalarFamily<ProcessTotals>] = [
        .counter("process_cpu_seconds_total", "Total user and system CPU time spent in seconds.") { $0.cpuSeconds },
        .gauge("process_resident_memory_bytes", "Resident memory size in bytes.") { $0.residentBytes.map { Double($0) } },
        .gauge("process_virtual_memory_bytes", "Virtual memory size in bytes.") { $0.virtualBytes.map { Double($0) } },
        .gauge("process_start_time_seconds", "Start time of the process since unix epoch in seconds.") { $0.startTimeSeconds },
        .gauge("process_threads", "Threads of the process.") { $0.threads.map { Double($0) } },
    ]
}
