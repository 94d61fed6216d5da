import Foundation

/// S3 multipart uploads to the stage storage, which clients use for files above the
/// `threshold` of a `PUT` answer: the parts wait in `<data>/stages/.uploads/<upload id>/`
/// until the upload is completed (then the object is assembled, checked and stored like a
/// single-part upload) or aborted. Uploads neither completed nor aborted are removed after a
/// day by ``StageFileStore/sweep(_:)``.
struct MultipartUploads {
    /// The largest object an upload may assemble (1 GiB): it is assembled in memory.
    static let maximumObjectSize = 1 << 30

    let directory: URL

    init(store: StageFileStore) {
        directory = store.root.appendingPathComponent(".uploads", isDirectory: true)
    }

    /// What an upload was started with.
    struct Upload: Codable {
        var stageID: Int64
        var path: String
        var metadata: [String: String]
    }

    private typealias Failure = StageStorageEndpoint.Failure

    /// Starts an upload; its id.
    func create(stageID: Int64, path: String, metadata: [String: String]) throws -> String {
        let id = UUID().uuidString.replacingOccurrences(of: "-", with: "").lowercased()
        let folder = directory.appendingPathComponent(id, isDirectory: true)
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        try JSONEncoder().encode(Upload(stageID: stageID, path: path, metadata: metadata))
            .write(to: folder.appendingPathComponent("upload.json"), options: .atomic)
        return id
    }

    /// The upload of an id, which must be for this stage and path.
    @discardableResult
    func requireUpload(_ id: String, stageID: Int64, path: String) throws -> Upload {
        guard id.count == 32, id.allSatisfy({ $0.isHexDigit }),
            let data = try? Data(contentsOf: directory.appendingPathComponent(id).appendingPathComponent("upload.json")),
            let upload = try? JSONDecoder().decode(Upload.self, from: data), upload.stageID == stageID, upload.path == path
        else {
            throw Failure(
                status: 404, code: "NoSuchUpload",
                message: "The specified upload does not exist. The upload ID may be invalid, or the upload may have been aborted or completed.")
        }
        return upload
    }

    func storePart(_ data: Data, number: Int, of id: String) throws {
        try data.write(to: partURL(id, number), options: .atomic)
    }

    /// The part numbers a `CompleteMultipartUpload` body lists, in its order.
    static func partNumbers(inCompletion body: Data) throws -> [Int] {
        let text = String(decoding: body, as: UTF8.self)
        let numbers = text.matches(of: /<PartNumber>\s*([0-9]+)\s*<\/PartNumber>/).compactMap { Int($0.output.1) }
        guard !numbers.isEmpty else {
            throw Failure(status: 400, code: "MalformedXML", message: "The XML you provided was not well-formed or did not validate against our published schema.")
        }
        guard zip(numbers, numbers.dropFirst()).allSatisfy({ $0 < $1 }) else {
            throw Failure(status: 400, code: "InvalidPartOrder", message: "The list of parts was not in ascending order.")
        }
        return numbers
    }

    /// The object the listed parts make, and how many there are.
    func assemble(_ id: String, parts: [Int]) throws -> (Data, Int) {
        var object = Data()
        for number in parts {
            guard let part = try? Data(contentsOf: partURL(id, number)) else {
                throw Failure(status: 400, code: "InvalidPart", message: "One or more of the specified parts could not be found: part \(number).")
            }
            guard object.count + part.count <= Self.maximumObjectSize else {
                throw Failure(status: 400, code: "EntityTooLarge", message: "The emulator's stage storage takes objects of at most 1 GiB.")
            }
            object += part
        }
        return (object, parts.count)
    }

    func remove(_ id: String) {
        try? FileManager.default.removeItem(at: directory.appendingPathComponent(id, isDirectory: true))
    }

    private func partURL(_ id: String, _ number: Int) -> URL {
        directory.appendingPathComponent(id, isDirectory: true).appendingPathComponent(String(format: "part-%05d", number))
    }
}
