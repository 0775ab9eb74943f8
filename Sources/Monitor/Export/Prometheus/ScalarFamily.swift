/// A metric family with one unlabelled sample read from a value: a row of the
/// exposition's training and process tables.
struct ScalarFamily<Source>: Sendable {
    let name: String
    let kind: PrometheusText.Kind
    let help: String
    /// The sample's value; nil writes the family's HELP and TYPE lines with no sample.
    let value: @Sendable (Source) -> Double?

    static func gauge(_ name: String, _ help: String, _ value: @escaping @Sendable (Source) -> Double?) -> Self {
        Self(name: name, kind: .gauge, help: help, value: value)
    }

    static func counter(_ name: String, _ help: String, _ value: @escaping @Sendable (Source) -> Double?) -> Self {
        Self(name: name, kind: .counter, help: help, value: value)
    }
}
