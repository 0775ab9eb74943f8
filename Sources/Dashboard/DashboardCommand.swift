import ArgumentParser
import Engine

@main
struct DashboardCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "dashboard", abstract: "NEAT training and inference monitor")
    func run() throws { print("dashboard") }
}
