#if canImport(Glibc)
import Glibc
#else
import Foundation
#endif

/// A node's activation function.
///
/// `steepenedSigmoid` is the paper's 1/(1+e^(−4.9x)). Every other case keeps
/// neat-python's exact meaning of its name (`sigmoid` is 1/(1+e^(−5z)) with 5z
/// clamped to ±60, and so on), so networks imported from neat-python give the
/// outputs neat-python's own `activate` gives.
public enum Activation: String, Sendable, CaseIterable, Codable, Hashable {
    case steepenedSigmoid = "neat_sigmoid"
    case sigmoid, tanh, sin, gauss, relu, elu, lelu, selu, softplus, identity
    case clamped, inv, log, exp, abs, hat, square, cube

    /// neat-python's name for this function (`neat_sigmoid` is ours alone).
    public var name: String { rawValue }

    /// Looks up a function by its neat-python name.
    public init?(name: String) { self.init(rawValue: name) }

    /// Applies the function in double precision (the reference semantics).
    @inline(__always)
    public func apply(_ z: Double) -> Double {
        switch self {
        case .steepenedSigmoid: return 1.0 / (1.0 + Glibc.exp(-4.9 * z))
        case .sigmoid: return Self.sigmoid(z)
        case .tanh: let x = Swift.max(-60.0, Swift.min(60.0, 2.5 * z)); return Glibc.tanh(x)
        case .sin: let x = Swift.max(-60.0, Swift.min(60.0, 5.0 * z)); return Glibc.sin(x)
        case .gauss: let x = Swift.max(-3.4, Swift.min(3.4, z)); return Glibc.exp(-5.0 * x * x)
        case .relu: return z > 0 ? z : 0
        case .elu: return z > 0 ? z : Glibc.exp(z) - 1
        case .lelu: return z > 0 ? z : 0.005 * z
        case .selu:
            let lam = 1.0507009873554804934193349852946, alpha = 1.6732632423543772848170429916717
            return z > 0 ? lam * z : lam * alpha * (Glibc.exp(z) - 1)
        case .softplus: let x = Swift.max(-60.0, Swift.min(60.0, 5.0 * z)); return 0.2 * Glibc.log(1 + Glibc.exp(x))
        case .identity: return z
        case .clamped: return Swift.max(-1.0, Swift.min(1.0, z))
        case .inv: return z == 0 ? 0 : 1.0 / z
        case .log: return Glibc.log(Swift.max(1e-7, z))
        case .exp: return Glibc.exp(Swift.max(-60.0, Swift.min(60.0, z)))
        case .abs: return Swift.abs(z)
        case .hat: return Swift.max(0.0, 1 - Swift.abs(z))
        case .square: return z * z
        case .cube: return z * z * z
        }
    }

    /// neat-python's sigmoid in double precision: 1/(1+e^(−5z)), 5z clamped to ±60
    /// (what `apply` computes for `.sigmoid`; hot loops call it directly).
    @inline(__always)
    public static func sigmoid(_ z: Double) -> Double {
        let x = Swift.max(-60.0, Swift.min(60.0, 5.0 * z))
        return 1.0 / (1.0 + Glibc.exp(-x))
    }

    /// neat-python's sigmoid in single precision (what `apply` computes for
    /// `.sigmoid`; the compiled network calls it directly, inlined, for its most
    /// common activation).
    @inline(__always)
    public static func sigmoid(_ z: Float) -> Float {
        let x = Swift.max(-60, Swift.min(60, 5 * z))
        return 1 / (1 + expf(-x))
    }

    /// Applies the function in single precision (the compiled network's path).
    @inline(__always)
    public func apply(_ z: Float) -> Float {
        switch self {
        case .steepenedSigmoid: return 1 / (1 + expf(-4.9 * z))
        case .sigmoid: return Self.sigmoid(z)
        case .identity: return z
        case .relu: return z > 0 ? z : 0
        case .tanh: let x = Swift.max(-60, Swift.min(60, 2.5 * z)); return tanhf(x)
        case .clamped: return Swift.max(-1, Swift.min(1, z))
        default: return Float(apply(Double(z)))
        }
    }
}

/// How a node combines its weighted inputs, with neat-python's names and meanings.
public enum Aggregation: String, Sendable, CaseIterable, Codable, Hashable {
    case sum, product, max, min, maxabs, median, mean

    public var name: String { rawValue }
    public init?(name: String) { self.init(rawValue: name) }

    /// Aggregates `values` (neat-python: an empty input list aggregates to 0 for
    /// sum/mean, 1 for product, and 0 for the others).
    public func apply(_ values: UnsafeBufferPointer<Double>) -> Double {
        if values.isEmpty { return self == .product ? 1 : 0 }
        switch self {
        case .sum: return values.reduce(0, +)
        case .product: return values.reduce(1, *)
        case .max: return values.max()!
        case .min: return values.min()!
        case .maxabs: return values.max(by: { Swift.abs($0) < Swift.abs($1) })!
        case .median:
            let s = values.sorted()
            let n = s.count
            return n % 2 == 1 ? s[n / 2] : (s[n / 2 - 1] + s[n / 2]) / 2
        case .mean: return values.reduce(0, +) / Double(values.count)
        }
    }
}
