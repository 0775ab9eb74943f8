/// The latest event, full width, just above the key line.
public enum EventLine {
    public static func draw(_ m: ScreenModel, into b: inout CellBuffer, rect: Rect) {
        let x = b.write(" event: ", x: rect.x, y: rect.y, role: .label, clip: rect)
        guard let e = m.events.last else {
            b.write("none yet", x: x, y: rect.y, role: .inactive, clip: rect)
            return
        }
        b.write(Format.cutLeft(e.text, rect.maxX - x, glyphs: m.glyphs), x: x, y: rect.y,
                role: e.isError ? .bad : .highlight, clip: rect)
    }
}
