import ArgumentParser
import Engine

@main
struct DashboardCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "dashboard",
        abstract: "Train NEAT networks and decide how to run their inference: CPU-only or a remote service, batch 1 or N.",
        subcommands: [MonitorSubcommand.self, TrainCommand.self, BenchCommand.self, ReportCommand.self, ServeCommand.self, LoadCommand.self, ExportCommand.self],
        defaultSubcommand: MonitorSubcommand.self
    )
}
