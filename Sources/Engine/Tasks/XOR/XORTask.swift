/// XOR as in the paper: two inputs plus a bias input fixed at 1, one output.
///
/// Paper fitness: (4 − Σ|output − target|)²; solved when all four outputs are on
/// the right side of 0.5. neat-python's example fitness (used with
/// `--neat-config`): 4 − Σ(output − target)², inputs without a bias input, solved
/// when the file's fitness criterion reaches `fitness_threshold`.
public struct XORTask: ReferenceTask {
    public enum Fitness: Sendable { case paper, neatPythonExample }
    public let fitness: Fitness

    public init(fitness: Fitness = .paper) { self.fitness = fitness }

    public var name: String { "xor" }
    public var inputs: Int { fitness == .paper ? 3 : 2 }
    public var outputs: Int { 1 }
    /// The paper's third input is the bias (1); neat-python's nodes have biases of their own.
    public var biasInputIndex: Int? { fitness == .paper ? 2 : nil }
    public var defaultMaxGenerations: Int { 300 }

    static let cases: [(Float, Float, Float)] = [(0, 0, 0), (0, 1, 1), (1, 0, 1), (1, 1, 0)]

    /// Double-precision evaluation needs `doubleScratchCount` doubles (+1 for alignment).
    public func scratchFloats(for network: CompiledNetwork) -> Int { (network.doubleScratchCount + 1) * 2 }

    /// Evaluates the four cases in double precision (see `CompiledNetwork.evaluate(doubleInputs:…)`):
    /// as in NEAT's reference implementation and neat-python, outputs a hair from 0 or 1
    /// still rank by how close they are.
    public func evaluate(_ network: CompiledNetwork, scratch: UnsafeMutablePointer<Float>) -> TaskResult {
        let dscratch = UnsafeMutableRawPointer(scratch).alignedUp(for: Double.self).assumingMemoryBound(to: Double.self)
        var input: (Double, Double, Double) = (0, 0, 1)
        var out = 0.0
        var absError = 0.0, sqError = 0.0
        var correct = true
        for (a, b, target) in Self.cases {
            input.0 = Double(a); input.1 = Double(b)
            withUnsafeMutablePointer(to: &input) { p in
                p.withMemoryRebound(to: Double.self, capacity: 3) { ip in
                    network.evaluate(doubleInputs: ip, outputs: &out, scratch: dscratch)
                }
            }
            let e = out - Double(target)
            absError += abs(e)
            sqError += e * e
            if (out > 0.5) != (target > 0.5) { correct = false }
        }
        switch fitness {
        case .paper: return TaskResult(fitness: (4 - absError) * (4 - absError), solved: correct)
        case .neatPythonExample: return TaskResult(fitness: 4 - sqError, solved: correct)
        }
    }
}
