/// Draws a whole frame: the panels at their layout, or the too-small message.
public enum Screen {
    /// Renders `model` into `buffer` (whose size is the terminal's). Returns the layout used, nil when too small.
    @discardableResult
    public static func render(_ model: ScreenModel, into buffer: inout CellBuffer) -> ScreenLayout? {
        buffer.clear()
        guard let l = ScreenLayout.compute(width: buffer.width, height: buffer.height) else {
            TooSmallScreen.draw(into: &buffer, glyphs: model.glyphs)
            return nil
        }
        HeaderPanel.draw(model, into: &buffer, rect: l.header)
        LatencyPanel.draw(model, into: &buffer, rect: l.latency)
        RatesPanel.draw(model, into: &buffer, rect: l.rates)
        MatrixPanel.draw(model, into: &buffer, rect: l.matrix)
        ThreadsPanel.draw(model, into: &buffer, rect: l.threads)
        MemoryPanel.draw(model, into: &buffer, rect: l.memory)
        EventsPanel.draw(model, into: &buffer, rect: l.events)
        EventLine.draw(model, into: &buffer, rect: l.eventLine)
        KeyLine.draw(model, into: &buffer, rect: l.keyLine)
        if model.state.showHelp { HelpOverlay.draw(model, into: &buffer, area: buffer.bounds) }
        return l
    }
}
