import Foundation
import GRDB
import SnowflakeFileTransfer
import SnowflakeModels

/// Answers `PUT` and `GET` statements as Snowflake does: not with rows, but with what the
/// client needs to move the files itself (``TransferAnswer``): the stage's storage location
/// in the emulator's S3-compatible storage (``StageStorageEndpoint``), credentials for that
/// stage alone that expire after an hour, and the encryption material of `SNOWFLAKE_FULL`
/// stages. For `GET`, the files are chosen here: those under the statement's path whose
/// whole `LIST` name matches `PATTERN`.
struct TransferStatements {
    /// How long the credentials of one statement last.
    static let credentialLifetime: TimeInterval = 3600

    let services: EmulatorServices

    /// The `data` of the answer to a statement, for a session.
    func answer(_ sql: String, session: Sessions.Entry, host: String?, queryID: String) async throws -> TransferAnswer {
        let statement = try TransferStatement(parsing: sql)
        let (database, schema) = try await namespace(of: statement.stage, session: session)
        let name = statement.stage.nameParts.last!
        let container = ResolvedContainer(database: database, schema: schema)
        let record = try await services.store.read { db in
            try db.liveObject(ObjectKey(family: StageModel.descriptor.family, database: database, schema: schema, name: name))
        }
        guard let record else {
            throw EmulatorError.sql(404, "002003", "SQL compilation error: Stage '\(container.qualified(name))' does not exist or not authorized.")
        }
        let stage = try StoredObject<StageModel>(record: record)
        guard StageBehaviour.isInternal(stage.model) else {
            throw EmulatorError.sql(
                400, "0A000",
                "\(statement.command.rawValue) works on internal stages; \(container.qualified(name)) is external (\(stage.model.url ?? "")) and the emulator does not reach cloud storage.")
        }
        guard let host, !host.isEmpty else { throw EmulatorError.badRequest("The request has no Host header to point the client's storage requests at.") }
        let store = StageFileStore(services: services)
        let keys = try StageStorageKeys(store: store)
        let now = services.configuration.clock.now()
        let grant = StageStorageKeys.Grant(
            stageID: record.id, mayWrite: statement.command == .put, expiry: now.addingTimeInterval(Self.credentialLifetime))
        let credentials = keys.credentials(for: grant)
        let encrypted = StageStorageEndpoint.isClientSideEncrypted(stage)
        let material = TransferAnswer.EncryptionMaterial(
            queryStageMasterKey: keys.masterKey(stageID: record.id).base64EncodedString(), queryId: queryID, smkId: String(record.id))

        var folder = statement.stage.path
        var sources: [String] = []
        switch statement.command {
        case .put:
            // The files go to the folder the statement names (a trailing name is a folder too).
            if !folder.isEmpty, !folder.hasSuffix("/") { folder += "/" }
            if !folder.isEmpty { _ = try StageFileStore.components(of: String(folder.dropLast())) }
            sources = [statement.localPath]
        case .get:
            let regex: Regex<AnyRegexOutput>?
            do {
                regex = try statement.pattern.map { try Regex($0) }
            } catch {
                throw EmulatorError.sql(400, "100048", "Invalid regular expression '\(statement.pattern ?? "")': \(error)")
            }
            let prefix = StageBehaviour.listingPrefix(stage)
            for file in try store.files(stageID: record.id) where file.path.hasPrefix(folder) {
                if let regex, (try? regex.wholeMatch(in: prefix + file.path)) == nil { continue }
                sources.append(file.path)
            }
            folder = ""
        }
        let location = "\(StageStorageEndpoint.bucket)/\(record.id)/\(folder)"
        let info = TransferAnswer.StageInfo(
            locationType: "S3", location: location, path: "\(record.id)/\(folder)", region: StageStorageEndpoint.region,
            endPoint: "http://\(host)\(StageStorageEndpoint.prefix)", isClientSideEncrypted: encrypted, useS3RegionalUrl: false,
            creds: ["AWS_KEY_ID": credentials.keyID, "AWS_SECRET_KEY": credentials.secret, "AWS_TOKEN": credentials.sessionToken ?? ""])
        let materials = encrypted ? Array(repeating: material, count: statement.command == .put ? 1 : sources.count) : []
        return TransferAnswer(
            command: statement.command == .put ? "UPLOAD" : "DOWNLOAD", sourceLocations: sources,
            localLocation: statement.command == .get ? statement.localPath : nil, parallel: statement.parallel,
            autoCompress: statement.command == .put ? statement.autoCompress : nil,
            overwrite: statement.command == .put ? statement.overwrite : nil,
            sourceCompression: statement.command == .put ? statement.sourceCompression.lowercased() : nil, stageInfo: info,
            encryptionMaterial: materials, threshold: services.configuration.multipartThreshold, queryID: queryID)
    }

    /// The database and schema of a stage name: the name's own, else the session's current
    /// ones (chosen through the session API, else given at login).
    private func namespace(of stage: TransferStatement.StageReference, session: Sessions.Entry) async throws -> (String, String) {
        let parts = stage.nameParts
        if parts.count == 3 { return (parts[0], parts[1]) }
        let settings = try await services.sessionSettings.values(for: SessionSettings.key(session: session.id))
        let login = try await services.store.read { db -> (database: String?, schema: String?)? in
            try Row.fetchOne(db, sql: "SELECT database_name, schema_name FROM sessions WHERE session_id = ?", arguments: [session.id])
                .map { ($0["database_name"], $0["schema_name"]) }
        }
        func resolved(_ name: String?) -> String? {
            name.flatMap { $0.isEmpty ? nil : ((try? Identifier.resolve($0)) ?? $0) }
        }
        let database = settings.database ?? resolved(login?.database ?? nil)
        let schema = parts.count == 2 ? parts[0] : (settings.schema ?? resolved(login?.schema ?? nil))
        guard let database, let schema else {
            throw EmulatorError.sql(
                400, "090105",
                "Cannot perform the \(parts.last!) lookup: this session has no current database or schema. Name the stage fully (@db.schema.stage).")
        }
        return (database, schema)
    }
}
