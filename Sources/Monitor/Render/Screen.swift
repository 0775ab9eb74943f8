/// Draws a whole frame: the panels at their layout, or the too-small message.
public enum Screen {
    /// Renders `model` into `buffer` (whose size is the terminal's). Returns the layout used, nil when too small.
    @discardableResult
    public static func render(_ model: ScreenModel, into buffer: inout CellBuffer) -> ScreenLayout? {
        buffer.clear()
        let state = model.state
        guard let l = ScreenLayout.compute(width: buffer.width, height: buffer.height,
                                           expanded: state.expanded ? state.focus : nil) else {
            TooSmallScreen.draw(into: &buffer, glyphs: model.glyphs)
            return nil
        }
        HeaderPanel.draw(model, into: &buffer, rect: l.header)
        for slot in l.slots {
            let shown = state.shown(in: slot.panels)
            let panel = shown.panel
            let waiting = slot.panels.filter { $0 != shown }.map(\.shortName)
            let inner = PanelFrame.draw(into: &buffer, rect: slot.rect, title: panel.title(model), glyphs: model.glyphs,
                                        focused: shown == state.focus, waiting: waiting,
                                        hint: state.expanded ? "e: back" : nil)
            if inner.width > 0 && inner.height > 0 { panel.drawContent(model, into: &buffer, rect: inner) }
        }
        EventLine.draw(model, into: &buffer, rect: l.eventLine)
        KeyLine.draw(model, into: &buffer, rect: l.keyLine)
        if state.showHelp { HelpOverlay.draw(model, into: &buffer, area: buffer.bounds) }
        return l
    }
}
