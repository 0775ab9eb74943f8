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
    /// Evaluation is a pure function of the network.
    public var resultDependsOnNetworkOnly: Bool { true }
    public var defaultMaxGenerations: Int { 300 }

    static let cases: [(Float, Float, Float)] = [(0, 0, 0), (0, 1, 1), (1, 0, 1), (1, 1, 0)]

    /// Double-precision evaluation of the four cases needs `doubleQuadScratchCount` doubles (+1 for alignment).
    public func scratchFloats(for network: borrowing CompiledNetwork) -> Int { (network.doubleQuadScratchCount + 1) * 2 }

    /// The four cases' inputs, one row of three per case (a, b, bias 1); the first
    /// `inputs` of each row are used.
    static let caseInputs: [Double] = cases.flatMap { [Double($0.0), Double($0.1), 1] }

    /// Evaluates the four cases in double precision, side by side (see
    /// `CompiledNetwork.evaluate4(doubleInputs:…)`; each case gets exactly what
    /// `evaluate(doubleInputs:…)` gives it): as in NEAT's reference implementation
    /// and neat-python, outputs a hair from 0 or 1 still rank by how close they are.
    public func evaluate(_ network: CompiledNetwork, scratch: UnsafeMutablePointer<Float>) -> TaskResult {
        precondition(network.outputCount == 1, "XOR networks have one output")
        let dscratch = UnsafeMutableRawPointer(scratch).alignedUp(for: Double.self).assumingMemoryBound(to: Double.self)
        // Rows of `network.inputCount` inputs (2 or 3), packed.
        var input: (Double, Double, Double, Double, Double, Double, Double, Double, Double, Double, Double, Double) =
            (0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0)
        var out: (Double, Double, Double, Double) = (0, 0, 0, 0)
        let n = network.inputCount
        withUnsafeMutablePointer(to: &input) { p in
            p.withMemoryRebound(to: Double.self, capacity: 12) { ip in
                Self.caseInputs.withUnsafeBufferPointer { rows in
                    for r in 0..<4 { for i in 0..<n { ip[r * n + i] = rows[r * 3 + i] } }
                }
                withUnsafeMutablePointer(to: &out) { op in
                    op.withMemoryRebound(to: Double.self, capacity: 4) { o in
                        network.evaluate4(doubleInputs: ip, outputs: o, scratch: dscratch)
                    }
                }
            }
        }
        var absError = 0.0, sqError = 0.0
        var correct = true
        func score(_ output: Double, _ r: Int) {
            let target = Self.cases[r].2
            let e = output - Double(target)
            absError += abs(e)
            sqError += e * e
            if (output > 0.5) != (target > 0.5) { correct = false }
        }
        score(out.0, 0); score(out.1, 1); score(out.2, 2); score(out.3, 3)
        switch fitness {
        case .paper: return TaskResult(fitness: (4 - absError) * (4 - absError), solved: correct)
        case .neatPythonExample: return TaskResult(fitness: 4 - sqError, solved: correct)
        }
    }
}
