/// Who a request acts for: the authenticated user and the role it acts as.
struct Principal: Sendable, Hashable {
    /// The user's canonical name.
    var user: String
    /// The role the request acts as; it owns what the request creates.
    var role: String
}
