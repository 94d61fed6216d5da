import Foundation
import Hummingbird
import SnowflakeModels

/// Presigned URLs of stage files (`GET /emulator/v1/presigned/{token}`), as
/// `:presigned-url` hands them out: the file named by the token until it expires; the token
/// is the only credential. (Files are put on and got from stages with `PUT` and `GET`
/// statements and the emulator's stage storage, ``StageStorageEndpoint``.)
struct PresignedURLEndpoint {
    /// The prefix of presigned URLs.
    static let presignedPrefix = "/emulator/v1/presigned/"

    let services: EmulatorServices

    func handle(_ request: Request, method: String, rawPath: String) async throws -> APIResponse {
        guard method == "GET" else { throw EmulatorError.methodNotAllowed(method, rawPath) }
        return try await presigned(String(rawPath.dropFirst(Self.presignedPrefix.count)), store: StageFileStore(services: services))
    }

    private func presigned(_ token: String, store: StageFileStore) async throws -> APIResponse {
        guard let claim = try store.verify(token) else {
            throw EmulatorError(status: 403, code: "390403", message: "The presigned URL is not valid.")
        }
        guard services.configuration.clock.now() < claim.expiry else {
            throw EmulatorError(status: 403, code: "390403", message: "The presigned URL has expired.")
        }
        let live = try await services.store.read { db in
            try db.object(id: claim.stageID).map { $0.droppedOn == nil } ?? false
        }
        guard live, let data = try store.read(stageID: claim.stageID, path: claim.path) else {
            throw EmulatorError(status: 404, code: "390404", message: "The file of this presigned URL does not exist.")
        }
        return APIResponse(status: 200, body: data, contentType: "application/octet-stream")
    }
}
