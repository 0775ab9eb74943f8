import Testing
@testable import Monitor

@Suite struct ReportEnvironmentTests {
    @Test func cpuModelIsTheFirstModelName() {
        let cpuinfo = "processor\t: 0\nvendor_id\t: AuthenticAMD\nmodel name\t: AMD EPYC 7B13 64-Core Processor\n\nprocessor\t: 1\nmodel name\t: other\n"
        #expect(ReportEnvironment.cpuModel(cpuinfo: cpuinfo) == "AMD EPYC 7B13 64-Core Processor")
        #expect(ReportEnvironment.cpuModel(cpuinfo: "processor\t: 0\n") == nil)
        #expect(ReportEnvironment.cpuModel(cpuinfo: "model name\t:\n") == nil)
    }

    @Test func kernelAndTimestamp() {
        #expect(ReportEnvironment.kernelRelease().hasPrefix("Linux "))
        #expect(ReportEnvironment.timestamp(.init(timeIntervalSince1970: 0)) == "1970-01-01T00:00:00Z")
    }

    @Test func fieldsAreTheEnvironmentBlock() {
        let labels = ReportFixtures.environment.fields.map(\.label)
        #expect(labels == ["CPU", "Cores", "Memory", "Kernel", "Swift", "Build configuration", "Git commit", "Server", "Server URL",
                           "Protocol", "Started", "Finished"])
        #expect(ReportFixtures.environment.fields[2].value == "8.0 GiB")
    }
}
