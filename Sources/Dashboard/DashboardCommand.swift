import ArgumentParser
import Engine

@main
struct DashboardCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "dashboard", abstract: "NEAT training and inference monitor",
                                                    subcommands: [ServeCommand.self])
    func run() throws { print("dashboard") }
}
