/// How a create treats an object that already exists (wire query parameter `createMode`).
public enum CreateMode: String, Codable, Sendable, CaseIterable {
    /// Fail with a conflict when the object exists (the default).
    case errorIfExists
    /// Replace the existing object; the old one becomes a dropped version.
    case orReplace
    /// Keep the existing object unchanged and succeed.
    case ifNotExists

    /// Parses the wire value in any letter case (`orReplace`, `ORREPLACE`, `or_replace`).
    public init?(wireValue: String) {
        let folded = wireValue.replacingOccurrences(of: "_", with: "").lowercased()
        guard let mode = CreateMode.allCases.first(where: { $0.rawValue.lowercased() == folded }) else { return nil }
        self = mode
    }
}
