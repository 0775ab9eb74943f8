/// Stops the process with `message` when `condition` is false, in every build.
///
/// The kernels are compiled `-Ounchecked`, which removes `precondition` and `assert`;
/// `fatalError` stays. Conditions that guard memory (a cycle, a missing node, a short
/// input vector) use this, so a genome that slipped past validation stops the process
/// instead of reading or writing outside a buffer.
@inline(__always)
package func require(_ condition: Bool, _ message: @autoclosure () -> String,
                     file: StaticString = #fileID, line: UInt = #line) {
    if _slowPath(!condition) { fatalError(message(), file: file, line: line) }
}
