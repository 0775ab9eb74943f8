/// A remote option's value (`--protocol`, `--tensor-format`, `--model-format`,
/// `--repository-layout`, `--server-kind`): parsed from its raw value, case
/// insensitively, with an error that names the option and lists the allowed values.
public protocol OptionValue: RawRepresentable<String>, CaseIterable, CustomStringConvertible {
    /// The option's flag, for the error message.
    static var optionName: String { get }
}

extension OptionValue {
    /// Parses an option value, with an error that lists the allowed values.
    public init(parsing text: String) throws(RemoteError) {
        guard let value = Self(rawValue: text.lowercased()) else {
            throw .client("\(Self.optionName): unknown value '\(text)'; expected one of \(Self.allCases.map(\.rawValue).joined(separator: ", "))")
        }
        self = value
    }

    public var description: String { rawValue }
}
