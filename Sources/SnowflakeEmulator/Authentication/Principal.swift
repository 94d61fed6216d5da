/// Who a request acts for: the authenticated user and the role it acts as.
struct Principal: Sendable, Hashable {
    /// The user's canonical name.
    var user: String
    /// The role the request acts as; it owns what the request creates.
    var role: String
    /// The session the request belongs to (``SessionSettings``): a login session or a bearer
    /// token's, by id or hash, never a secret.
    var sessionKey = ""
}
