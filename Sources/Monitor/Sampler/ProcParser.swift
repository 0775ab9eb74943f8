/// One line of `/proc/<pid>/task/<tid>/stat`, the fields the monitor uses.
public struct TaskStat: Sendable, Equatable {
    public var tid: Int32
    /// The name between the parentheses (may contain spaces and parentheses itself).
    public var comm: String
    public var state: Character
    /// User and system CPU time, clock ticks.
    public var utime: UInt64
    public var stime: UInt64
    /// Minor page faults (field 10): pages the kernel handed over without I/O, mostly fresh allocations.
    public var minorFaults: UInt64 = 0
    public var totalTicks: UInt64 { utime + stime }
}

/// Pure parsers for the /proc files the sampler reads. They take file contents,
/// so tests feed fixture files.
public enum ProcParser {
    public struct ParseError: Error, CustomStringConvertible, Equatable {
        public var description: String
    }

    /// Parses a `stat` line. The name is everything between the FIRST '(' and the
    /// LAST ')': a thread may call itself "a) (b", so splitting on spaces is wrong.
    public static func taskStat(_ text: String) throws -> TaskStat {
        let u = Array(text.utf8)
        guard let open = u.firstIndex(of: UInt8(ascii: "(")), let close = u.lastIndex(of: UInt8(ascii: ")")),
              open < close else {
            throw ParseError(description: "stat: expected 'pid (comm) state ...', received \(text.prefix(80).debugDescription)")
        }
        let pidText = String(decoding: u[..<open], as: UTF8.self).trimmingSpaces
        guard let tid = Int32(pidText) else {
            throw ParseError(description: "stat: expected a numeric pid before '(', received \(pidText.debugDescription)")
        }
        let comm = String(decoding: u[(open + 1)..<close], as: UTF8.self)
        let rest = String(decoding: u[(close + 1)...], as: UTF8.self).split(separator: " ", omittingEmptySubsequences: true)
        // After ')': state(3) ppid(4) pgrp(5) session(6) tty_nr(7) tpgid(8) flags(9) minflt(10) cminflt(11)
        // majflt(12) cmajflt(13) utime(14) stime(15): indices 0...12 here.
        guard rest.count >= 13, let state = rest[0].first else {
            throw ParseError(description: "stat: expected at least 15 fields, received \(rest.count + 2)")
        }
        guard let ut = UInt64(rest[11]), let st = UInt64(rest[12]) else {
            throw ParseError(description: "stat: utime/stime (fields 14, 15) not numbers: \(rest[11]) \(rest[12])")
        }
        return TaskStat(tid: tid, comm: comm, state: state, utime: ut, stime: st, minorFaults: UInt64(rest[7]) ?? 0)
    }

    /// The run-queue wait of a `schedstat` file (`run_ns wait_ns timeslices`), ns; nil when malformed.
    public static func schedstatWait(_ text: String) -> UInt64? {
        let f = text.split(whereSeparator: { $0 == " " || $0 == "\n" })
        guard f.count >= 2 else { return nil }
        return UInt64(f[1])
    }

    /// A `comm` file: the name and a newline.
    public static func comm(_ text: String) -> String {
        var s = Substring(text)
        while let l = s.last, l == "\n" || l == "\r" { s = s.dropLast() }
        return String(s)
    }

    /// VmRSS from `/proc/<pid>/status`, in bytes; nil when absent (e.g. a zombie).
    public static func statusRSS(_ text: String) -> UInt64? { statusBytes(text, field: "VmRSS") }

    /// A memory field of `/proc/<pid>/status` (`VmRSS`, `VmHWM`, …), in bytes; nil when absent.
    public static func statusBytes(_ text: String, field: String) -> UInt64? {
        let prefix = field + ":"
        for line in text.split(separator: "\n") where line.hasPrefix(prefix) {
            let parts = line.dropFirst(prefix.count).split(separator: " ", omittingEmptySubsequences: true)
                .flatMap { $0.split(separator: "\t") }
            guard let n = parts.first.flatMap({ UInt64($0) }) else { return nil }
            let unit = parts.count > 1 ? parts[1].lowercased() : "kb"
            switch unit {
            case "kb": return n * 1024
            case "mb": return n * 1024 * 1024
            case "b": return n
            default: return n * 1024
            }
        }
        return nil
    }

    public static func statmRSS(_ text: String, pageSize: UInt64) -> UInt64? {
        let f = text.split(whereSeparator: { $0 == " " || $0 == "\n" })
        guard f.count >= 2, let pages = UInt64(f[1]) else { return nil }
        return pages * pageSize
    }
}

extension String {
    var trimmingSpaces: String {
        var s = Substring(self)
        while let f = s.first, f == " " || f == "\t" || f == "\n" || f == "\r" { s = s.dropFirst() }
        while let l = s.last, l == " " || l == "\t" || l == "\n" || l == "\r" { s = s.dropLast() }
        return String(s)
    }
}
