import Testing
@testable import Monitor

@Suite struct ProcStatusFieldTests {
    @Test func readsAnyMemoryField() {
        let text = "Name:\tdashboard\nVmHWM:\t   51234 kB\nVmRSS:\t   40960 kB\n"
        #expect(ProcParser.statusBytes(text, field: "VmHWM") == 51234 * 1024)
        #expect(ProcParser.statusBytes(text, field: "VmRSS") == 40960 * 1024)
        #expect(ProcParser.statusRSS(text) == 40960 * 1024)
        #expect(ProcParser.statusBytes(text, field: "VmSwap") == nil)
    }
}
