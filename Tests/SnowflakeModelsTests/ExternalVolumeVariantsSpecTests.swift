import Foundation
import SnowflakeModels
import SnowflakeTestSupport
import Testing

/// An external volume's storage locations checked against the official spec variant by variant
/// (``SpecConformanceTests`` samples only the first variant): every `storage_provider` has a
/// case, every variant field is modelled and comes back out, required fields are required.
@Suite("External volume storage locations against the official spec")
struct ExternalVolumeVariantsSpecTests {
    static let file = "external-volume.yaml"
    /// Discriminator value → the variant's spec schema.
    static let variants = ["S3": "StorageLocationS3", "S3GOV": "StorageLocationS3Gov", "GCS": "StorageLocationGcs", "AZURE": "StorageLocationAzure"]

    private let catalog = SpecCatalog.shared

    private func roundTrip(_ object: [String: Any]) throws -> [String: Any] {
        let location = try WireCoding.decoder().decode(ExternalVolumeStorageLocation.self, from: JSONSerialization.data(withJSONObject: object))
        return try #require(try JSONSerialization.jsonObject(with: WireCoding.encoder().encode(location)) as? [String: Any])
    }

    @Test("every storage_provider of the spec has a case")
    func everyProvider() throws {
        let discriminator = try #require(try catalog.schema("StorageLocation", in: Self.file).discriminator)
        #expect(discriminator.property == "storage_provider")
        #expect(discriminator.mapping.mapValues { $0.split(separator: "/").last.map(String.init) ?? $0 } == Self.variants)
    }

    @Test("each variant's fields are modelled, come back out, and its required fields are required", arguments: variants.sorted { $0.key < $1.key })
    func variant(_ value: String, _ schemaName: String) throws {
        let schema = try catalog.schema(schemaName, in: Self.file)
        var sample = try #require(try catalog.sample(["$ref": "#/components/schemas/\(schemaName)"], file: Self.file) as? [String: Any])
        sample["storage_provider"] = value
        let encoded = try roundTrip(sample)
        #expect(Set(encoded.keys) == Set(schema.properties.keys))
        #expect(encoded["storage_provider"] as? String == value)
        for name in schema.required {
            var missing = sample
            missing[name] = nil
            #expect(throws: DecodingError.self, "'\(name)' is required") { _ = try roundTrip(missing) }
        }
    }

    @Test("Encryption matches its schema; an unknown provider or encryption type does not decode")
    func encryption() throws {
        let schema = try catalog.schema("Encryption", in: Self.file)
        let sample = try #require(try catalog.sample(["$ref": "#/components/schemas/Encryption"], file: Self.file) as? [String: Any])
        let value = try WireCoding.decoder().decode(ExternalVolumeEncryption.self, from: JSONSerialization.data(withJSONObject: sample))
        let keys = try #require(try JSONSerialization.jsonObject(with: WireCoding.encoder().encode(value)) as? [String: Any]).keys
        #expect(Set(keys) == Set(schema.properties.keys))
        let typeProperty = try #require(schema.properties["type"]).schema
        let types = try #require(try catalog.dereference(typeProperty, file: Self.file).0["enum"] as? [String])
        #expect(types.allSatisfy { ExternalVolumeEncryption.EncryptionType(rawValue: $0) != nil }, "every encryption type has a case")
        #expect(throws: DecodingError.self) { _ = try roundTrip(["name": "l", "storage_provider": "R2", "storage_base_url": "r2://b/"]) }
        #expect(throws: DecodingError.self) {
            _ = try WireCoding.decoder().decode(ExternalVolumeEncryption.self, from: Data(#"{"type":"ROT13"}"#.utf8))
        }
    }
}
