import Engine
import Synchronization

/// A small thread-safe ring of recent event lines for the event panel.
///
/// Any thread may `append` (log handlers, the UI); the UI reads `recent`.
public final class EventLog: Sendable {
    public struct Event: Sendable, Equatable {
        /// Seconds since the monitor started.
        public var seconds: Double
        public var text: String
        public var isError: Bool
        public init(seconds: Double, text: String, isError: Bool = false) {
            self.seconds = seconds; self.text = text; self.isError = isError
        }
    }

    private struct Ring {
        var items: [Event] = []
        var next = 0
        var version: UInt64 = 0
    }

    private let capacity: Int
    private let ring: Locked<Ring>

    public init(capacity: Int = 64) {
        self.capacity = Swift.max(1, capacity)
        ring = Locked(Ring())
    }

    public func append(_ e: Event) {
        ring.withLock { r in
            if r.items.count < capacity { r.items.append(e) } else { r.items[r.next] = e }
            r.next = (r.next + 1) % capacity
            r.version &+= 1
        }
    }

    /// The newest `n` events, oldest first.
    public func recent(_ n: Int) -> [Event] {
        ring.withLock { r in
            let ordered = r.items.count < capacity ? r.items : Array(r.items[r.next...] + r.items[..<r.next])
            return Array(ordered.suffix(n))
        }
    }

    /// Changes whenever an event is appended (cheap "anything new?" check).
    public var version: UInt64 { ring.withLock { $0.version } }
}
