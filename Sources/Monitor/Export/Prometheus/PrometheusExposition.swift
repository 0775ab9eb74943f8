import Engine

/// The training side's figures as Prometheus text: one `MetricsSnapshot` (and the
/// process's /proc totals) in, the body of `GET /metrics` out.
///
/// A pure view of the snapshot, like the screen and the CSV: it measures nothing
/// itself, so every figure a scrape reads is the one the monitor shows. The
/// families are the rows of three tables (`training`, `perMode`, `process`), so a
/// new figure of the snapshot is one more row, e.g. a per-mode histogram:
///
/// ```swift
/// .histogram("dashboard_remote_request_duration_seconds", "…", bounds: CumulativeBuckets.latencyBounds) { $0.requestDistribution },
/// ```
///
/// Every family is written with its `# HELP` and `# TYPE` lines even before it has
/// a sample, so a scraper sees the whole set from the first scrape. Per-mode
/// families have one series per mode that has run, labelled `mode="cpu"`,
/// `mode="remote_b1"`, `mode="remote_b8"`, … (`modeLabel(_:)`).
public enum PrometheusExposition {
    /// The whole exposition: training, per-mode and process families.
    public static func render(snapshot: MetricsSnapshot?, process: ProcessTotals) -> String {
        var text = PrometheusText()
        if let snapshot { write(snapshot, into: &text) }
        write(process, into: &text)
        return text.output
    }

    /// The process families alone (what `dashboard serve` adds to its own metrics).
    public static func render(process: ProcessTotals) -> String {
        var text = PrometheusText()
        write(process, into: &text)
        return text.output
    }

    /// The snapshot's training and per-mode families.
    public static func write(_ s: MetricsSnapshot, into text: inout PrometheusText) {
        text.family("dashboard_training_info", .gauge, help: "The task being trained (label task); always 1.")
        text.sample("dashboard_training_info", labels: [("task", s.training.task)], 1)
        for m in training {
            text.family(m.name, m.kind, help: m.help)
            if let v = m.value(s) { text.sample(m.name, v) }
        }
        for m in perMode {
            text.family(m.name, m.kind, help: m.help)
            for f in s.modes {
                let labels = [("mode", modeLabel(f.mode))]
                switch m.value {
                case .number(let value):
                    if let v = value(f, s) { text.sample(m.name, labels: labels, v) }
                case .distribution(let bounds, let value):
                    if let d = value(f) { text.histogram(m.name, labels: labels, CumulativeBuckets(d, bounds: bounds)) }
                case .split(let label, let value):
                    for (key, v) in value(f) { text.sample(m.name, labels: labels + [(label, key)], v) }
                }
            }
        }
    }

    /// The process families, for the samples /proc gave.
    public static func write(_ p: ProcessTotals, into text: inout PrometheusText) {
        for m in process {
            text.family(m.name, m.kind, help: m.help)
            if let v = m.value(p) { text.sample(m.name, v) }
        }
    }

    /// `cpu`, `remote_b1`, `remote_b8`, …: label values that stay valid in any PromQL
    /// matcher and sort CPU first.
    public static func modeLabel(_ mode: InferenceMode) -> String {
        switch mode {
        case .cpu: return "cpu"
        case .remote(let batch): return "remote_b\(batch)"
        }
    }
}
