/// A key press, decoded. Unknown keys decode to nil.
public enum KeyCommand: Sendable, Equatable {
    case cpuOnly, remoteSingle, remoteBatched, batchUp, batchDown, autoProbe, snapshot, checkpoint
    case togglePause, nextTheme, help, escape, quit, resize
    case zoomIn, zoomOut, focusNext, focusPrevious, expand, toggleIdleThreads, nextThreadSort, toggleSpectrumModes
    case nextLatencyMetric
    /// The what-if network's round trip: a step shorter (`<`) or longer (`>`).
    case rttDown, rttUp

    /// Decodes a curses key code (`resizeCode` is KEY_RESIZE and `backTabCode` KEY_BTAB, passed in to keep this free of ncurses).
    public init?(code: Int32, resizeCode: Int32 = 0o632, backTabCode: Int32 = 0o541) {
        if code == resizeCode { self = .resize; return }
        if code == backTabCode { self = .focusPrevious; return }
        switch code {
        case 91 /* [ */: self = .zoomIn
        case 93 /* ] */: self = .zoomOut
        case 9 /* Tab */: self = .focusNext
        case 101 /* e */: self = .expand
        case 105 /* i */: self = .toggleIdleThreads
        case 111 /* o */: self = .nextThreadSort
        case 109 /* m */: self = .toggleSpectrumModes
        case 108 /* l */: self = .nextLatencyMetric
        case 60 /* < */, 44 /* , (unshifted <) */: self = .rttDown
        case 62 /* > */, 46 /* . (unshifted >) */: self = .rttUp
        case 99 /* c */: self = .cpuOnly
        case 114 /* r */: self = .remoteSingle
        case 98 /* b */: self = .remoteBatched
        case 43 /* + */, 61 /* = (unshifted +) */: self = .batchUp
        case 45 /* - */, 95 /* _ */: self = .batchDown
        case 97 /* a */: self = .autoProbe
        case 115 /* s */: self = .snapshot
        case 83 /* S */: self = .checkpoint
        case 32 /* space */: self = .togglePause
        case 116 /* t */: self = .nextTheme
        case 63 /* ? */, 104 /* h */: self = .help
        case 27 /* Esc */: self = .escape
        case 113 /* q */, 81 /* Q */: self = .quit
        default: return nil
        }
    }
}
