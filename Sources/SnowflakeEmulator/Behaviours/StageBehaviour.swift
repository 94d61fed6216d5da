import Foundation
import SnowflakeModels

/// Stages: internal (files kept by the emulator, see ``StageFileStore``) or external (a cloud
/// URL the emulator never reaches). Checks the URL, credentials, encryption and directory
/// table settings for the kind of stage as Snowflake does, fills the defaults it fills, and
/// keeps credentials and keys in the server state: they are accepted on create and never
/// returned. Lists a stage's files (`LIST @stage PATTERN = '...'`) and issues presigned URLs
/// that the emulator serves for a limited time. Stages cannot be undropped: a dropped stage's
/// files go with it (kept while the stage waits in a dropped database or schema).
struct StageBehaviour: FamilyBehaviour {
    typealias Family = StageModel

    /// Longest presigned URL lifetime (7 days) and the default (1 hour), as `GET_PRESIGNED_URL`.
    static let maximumExpiration = 604_800
    static let defaultExpiration = 3_600

    func prepare(_ model: inout StageModel, serverState: inout [String: JSONValue], existing: StoredObject<StageModel>?, context: StoreContext) throws {
        model.kind = model.kind ?? .permanent
        let provider = try Self.provider(of: model)
        try checkEndpoint(model, provider: provider)
        if let integration = model.storageIntegration {
            guard provider != nil else {
                throw EmulatorError.badRequest("STORAGE_INTEGRATION '\(integration)' is only allowed for an external stage (one with a URL).")
            }
            guard model.credentials == nil else {
                throw EmulatorError.badRequest("A stage cannot have both STORAGE_INTEGRATION and CREDENTIALS: give one of them.")
            }
        }
        let hasCredentials = try checkCredentials(model.credentials, provider: provider)
        let encryption = try checkEncryption(model.encryption, provider: provider)
        model.directoryTable = try checkDirectoryTable(model.directoryTable)

        if let credentials = model.credentials {
            serverState["credentials"] = try Self.json(credentials)
        }
        serverState["encryption"] = try Self.json(encryption)
        model.credentials = nil
        model.encryption = nil
        model.hasCredentials = hasCredentials
        model.hasEncryptionKey = encryption.masterKey != nil
        model.cloud = provider?.cloud
        model.region = nil
        scheduleSweep(context)
    }

    func didDrop(_ object: StoredObject<StageModel>, purgeAfter: Date, context: StoreContext) throws {
        scheduleSweep(context)
    }

    // MARK: Files

    func subresource(_ path: [String], of object: StoredObject<StageModel>, context: StoreContext) throws -> APIResponse? {
        guard path == ["files"] else { return nil }
        try Self.requireInternal(object, context: context, doing: "list the files of")
        let pattern = context.request.query["pattern"].flatMap { $0.isEmpty ? nil : $0 }
        let regex: Regex<AnyRegexOutput>?
        do {
            regex = try pattern.map { try Regex($0) }
        } catch {
            throw EmulatorError.sql(400, "100048", "Invalid regular expression '\(pattern ?? "")': \(error)")
        }
        let store = StageFileStore(services: context.services)
        let prefix = Self.listingPrefix(object)
        var files: [StageFile] = []
        for file in try store.files(stageID: object.record.id) {
            let name = prefix + file.path
            if let regex, (try? regex.wholeMatch(in: name)) == nil { continue }
            var entry = StageFile(name: name)
            entry.size = String(file.size)
            entry.md5 = try StageFileStore.md5(of: file.url)
            entry.lastModified = Self.httpDate(file.modified)
            files.append(entry)
        }
        return try .encoded(files)
    }

    func changeSubresource(_ path: [String], of object: StoredObject<StageModel>, context: StoreContext) throws -> APIResponse? {
        guard path.count == 2, path[0] == "files" else { return nil }
        let (filePath, verb) = APIRoute.splitAction(path[1])
        guard verb == "presigned-url" else { return nil }
        try Self.requireInternal(object, context: context, doing: "make presigned URLs for")
        let body = context.request.body
        let request = body.isEmpty ? PresignedUrlRequest() : try RequestBody.decode(PresignedUrlRequest.self, from: body, as: "PresignedUrlRequest")
        let seconds = request.expirationTime ?? Self.defaultExpiration
        guard (1...Self.maximumExpiration).contains(seconds) else {
            throw EmulatorError.badRequest(
                "expiration_time must be from 1 to \(Self.maximumExpiration) seconds (7 days), not \(seconds).")
        }
        let encryption = try object.serverState["encryption"].map { try Self.value(StageEncryption.self, from: $0) }
        guard encryption?.type == .snowflakeSSE else {
            throw EmulatorError.badRequest(
                "Presigned URLs work only for server-side encrypted stages: create stage \(context.container.qualified(object.canonicalName)) with ENCRYPTION = (TYPE = 'SNOWFLAKE_SSE').")
        }
        _ = try StageFileStore.components(of: filePath)
        let store = StageFileStore(services: context.services)
        let token = try store.token(stageID: object.record.id, path: filePath, expiry: context.now.addingTimeInterval(TimeInterval(seconds)))
        let url = "http://\(Self.loopbackAuthority(context))\(PresignedURLEndpoint.presignedPrefix)\(token)"
        return try .encoded(FileTransferMaterial(presignedUrl: url))
    }

    // MARK: Checks

    /// The cloud of an external stage's URL; nil for an internal stage.
    struct Provider {
        var scheme: String
        var cloud: String
    }

    static func provider(of model: StageModel) throws -> Provider? {
        guard let url = model.url, !url.isEmpty else { return nil }
        let schemes: [(String, String)] = [("s3://", "AWS"), ("s3gov://", "AWS"), ("s3compat://", "AWS"), ("gcs://", "GCP"), ("azure://", "AZURE")]
        for (scheme, cloud) in schemes where url.lowercased().hasPrefix(scheme) {
            guard url.count > scheme.count else { break }
            return Provider(scheme: scheme, cloud: cloud)
        }
        throw EmulatorError.badRequest(
            "Invalid URL '\(url)' for an external stage: it must start with s3://, s3gov://, s3compat://, gcs:// or azure:// and name a location.")
    }

    private func checkEndpoint(_ model: StageModel, provider: Provider?) throws {
        if provider?.scheme == "s3compat://" {
            guard let endpoint = model.endpoint, !endpoint.isEmpty else {
                throw EmulatorError.badRequest("An s3compat:// stage needs an ENDPOINT (the S3-compatible API's host).")
            }
        } else if let endpoint = model.endpoint {
            throw EmulatorError.badRequest("ENDPOINT '\(endpoint)' is only allowed for an s3compat:// stage.")
        }
    }

    /// Checks the credentials against the stage's cloud; true when there are some.
    private func checkCredentials(_ credentials: StageCredentials?, provider: Provider?) throws -> Bool {
        guard let credentials else { return false }
        guard let provider else {
            throw EmulatorError.badRequest("CREDENTIALS are only allowed for an external stage (one with a URL); an internal stage needs none.")
        }
        switch credentials {
        case .aws(let aws):
            guard provider.cloud == "AWS" else {
                throw EmulatorError.badRequest("AWS credentials do not fit a \(provider.scheme) stage.")
            }
            let hasKeys = aws.awsKeyId != nil || aws.awsSecretKey != nil
            if hasKeys {
                guard aws.awsKeyId?.isEmpty == false, aws.awsSecretKey?.isEmpty == false else {
                    throw EmulatorError.badRequest("AWS credentials need both aws_key_id and aws_secret_key.")
                }
                guard aws.awsRole == nil else {
                    throw EmulatorError.badRequest("Give either aws_role or aws_key_id and aws_secret_key, not both.")
                }
            } else if aws.awsToken != nil {
                throw EmulatorError.badRequest("aws_token goes with aws_key_id and aws_secret_key.")
            } else {
                guard let role = aws.awsRole, role.wholeMatch(of: /arn:aws(-[a-z]+)*:iam::[0-9]{12}:role\/.+/) != nil else {
                    throw EmulatorError.badRequest(
                        "AWS credentials need aws_key_id and aws_secret_key, or aws_role as arn:aws:iam::<12-digit account>:role/<role name>.")
                }
            }
        case .azure(let azure):
            guard provider.cloud == "AZURE" else {
                throw EmulatorError.badRequest("Azure credentials do not fit a \(provider.scheme) stage.")
            }
            guard azure.azureSasToken?.isEmpty == false else {
                throw EmulatorError.badRequest("Azure credentials need an azure_sas_token.")
            }
        }
        return true
    }

    /// The encryption setting checked against the kind of stage, with Snowflake's default.
    private func checkEncryption(_ encryption: StageEncryption?, provider: Provider?) throws -> StageEncryption {
        let allowed: [StageEncryption.EncryptionType]
        let fallback: StageEncryption.EncryptionType
        switch provider?.cloud {
        case nil: (allowed, fallback) = ([.snowflakeFull, .snowflakeSSE], .snowflakeFull)
        case "AWS": (allowed, fallback) = ([.awsCSE, .awsSSES3, .awsSSEKMS, .none], .none)
        case "GCP": (allowed, fallback) = ([.gcsSSEKMS, .none], .none)
        default: (allowed, fallback) = ([.azureCSE, .none], .none)
        }
        var result = encryption ?? StageEncryption()
        let type = result.type ?? fallback
        result.type = type
        let kindOfStage = provider.map { "a \($0.scheme) stage" } ?? "an internal stage"
        guard allowed.contains(type) else {
            throw EmulatorError.badRequest(
                "Encryption type \(type.rawValue) is not available for \(kindOfStage): use \(allowed.map(\.rawValue).joined(separator: ", ")).")
        }
        if type == .awsCSE || type == .azureCSE {
            guard let key = result.masterKey, let bytes = Data(base64Encoded: key), bytes.count == 16 || bytes.count == 32 else {
                throw EmulatorError.badRequest("Encryption type \(type.rawValue) needs a master_key: a 128-bit or 256-bit key in Base64.")
            }
        } else if result.masterKey != nil {
            throw EmulatorError.badRequest("master_key is only allowed with AWS_CSE or AZURE_CSE encryption.")
        }
        if result.kmsKeyId != nil, type != .awsSSEKMS, type != .gcsSSEKMS {
            throw EmulatorError.badRequest("kms_key_id is only allowed with AWS_SSE_KMS or GCS_SSE_KMS encryption.")
        }
        return result
    }

    /// The directory table settings with Snowflake's defaults filled in.
    private func checkDirectoryTable(_ table: StageDirectoryTable?) throws -> StageDirectoryTable {
        var table = table ?? StageDirectoryTable()
        table.enable = table.enable ?? false
        table.refreshOnCreate = table.refreshOnCreate ?? true
        table.autoRefresh = table.autoRefresh ?? false
        if table.autoRefresh == true, table.enable != true {
            throw EmulatorError.badRequest("AUTO_REFRESH needs a directory table: set directory_table.enable to true.")
        }
        if let integration = table.notificationIntegration, table.autoRefresh != true {
            throw EmulatorError.badRequest("NOTIFICATION_INTEGRATION '\(integration)' is only used with AUTO_REFRESH = TRUE.")
        }
        return table
    }

    // MARK: Helpers

    /// Files are on the emulator only for internal stages; an external stage's are in a cloud
    /// the emulator never calls.
    static func requireInternal(_ object: StoredObject<StageModel>, context: StoreContext, doing what: String) throws {
        guard isInternal(object.model) else {
            throw EmulatorError.badRequest(
                "The emulator does not reach cloud storage: it cannot \(what) external stage \(context.container.qualified(object.canonicalName)) (\(object.model.url ?? "")).")
        }
    }

    /// Whether a stage is internal: it has no URL.
    static func isInternal(_ stage: StageModel) -> Bool {
        stage.url?.isEmpty ?? true
    }

    /// `LIST` shows each file behind the stage's name in lower case: `my_stage/dir/file.gz`.
    static func listingPrefix(_ object: StoredObject<StageModel>) -> String {
        object.canonicalName.lowercased() + "/"
    }

    /// A time as `LIST` shows it: `Tue, 1 Dec 2026 20:28:21 GMT`.
    static func httpDate(_ date: Date) -> String {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "GMT")!
        let parts = calendar.dateComponents([.weekday, .day, .month, .year, .hour, .minute, .second], from: date)
        let days = ["Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"]
        let months = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]
        return String(
            format: "%@, %d %@ %04d %02d:%02d:%02d GMT", days[(parts.weekday ?? 1) - 1], parts.day ?? 1, months[(parts.month ?? 1) - 1],
            parts.year ?? 1970, parts.hour ?? 0, parts.minute ?? 0, parts.second ?? 0)
    }

    /// `host:port` the caller reached the emulator at when it is a loopback name, else the
    /// configured host with that port: a presigned URL always points at this emulator.
    static func loopbackAuthority(_ context: StoreContext) -> String {
        let authority = context.request.host ?? ""
        let host: Substring
        let port: Substring
        if authority.hasPrefix("["), let close = authority.firstIndex(of: "]") {
            host = authority[authority.index(after: authority.startIndex)..<close]
            port = authority[authority.index(after: close)...].drop { $0 == ":" }
        } else if let colon = authority.lastIndex(of: ":") {
            host = authority[..<colon]
            port = authority[authority.index(after: colon)...]
        } else {
            host = Substring(authority)
            port = ""
        }
        let loopback = host == "localhost" || host == "::1" || host.hasPrefix("127.")
        let chosen = loopback ? String(host) : context.services.configuration.host
        let spelled = chosen.contains(":") ? "[\(chosen)]" : chosen
        let portNumber = Int(port) ?? context.services.configuration.port
        return "\(spelled):\(portNumber)"
    }

    /// A wire value as kept in the server state.
    static func json(_ value: some Encodable) throws -> JSONValue {
        try WireCoding.sharedDecoder.decode(JSONValue.self, from: WireCoding.sharedEncoder.encode(value))
    }

    /// A value read back from the server state.
    static func value<T: Decodable>(_ type: T.Type, from json: JSONValue) throws -> T {
        try WireCoding.sharedDecoder.decode(T.self, from: WireCoding.sharedEncoder.encode(json))
    }

    /// After the request's transaction commits, removes the files of stages that are gone.
    private func scheduleSweep(_ context: StoreContext) {
        let store = StageFileStore(services: context.services)
        context.db.afterNextTransaction { db in try? store.sweep(db) }
    }
}
