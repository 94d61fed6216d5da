import Foundation
import SnowflakeModels
import SnowflakeTestSupport
import Testing

/// The polymorphic parts of the integration models, checked against the official specs variant
/// by variant: every discriminator value has a case, every variant field is modelled with its
/// type and comes back out, read-only fields are never sent, required fields are required.
/// (``SpecConformanceTests`` checks each family's top-level model.)
@Suite("Integration variants against the official specs")
struct IntegrationVariantsSpecTests {
    struct Case: CustomTestStringConvertible, Sendable {
        let file: String
        /// The spec schema of the variant or nested object.
        let schema: String
        /// The polymorphic parent and the discriminator value, for a variant.
        var parent: String?
        var value: String?
        /// Decodes a JSON object as the Swift type that holds this schema, and encodes it back.
        let roundTrip: @Sendable (Data) throws -> (response: Data, request: Data)
        var testDescription: String { schema }
    }

    static func using<T: Codable & Sendable>(_ type: T.Type) -> @Sendable (Data) throws -> (response: Data, request: Data) {
        { data in
            let value = try WireCoding.decoder().decode(T.self, from: data)
            return (try WireCoding.encoder().encode(value), try WireCoding.encodeRequestBody(value, with: WireCoding.encoder()))
        }
    }

    static let notification = "notification-integration.yaml", catalog = "catalog-integration.yaml", api = "api-integration.yaml"

    static let cases: [Case] = [
        Case(file: notification, schema: "NotificationEmail", parent: "NotificationHook", value: "EMAIL", roundTrip: using(NotificationHook.self)),
        Case(file: notification, schema: "NotificationWebhook", parent: "NotificationHook", value: "WEBHOOK", roundTrip: using(NotificationHook.self)),
        Case(file: notification, schema: "NotificationQueueAwsSnsOutbound", parent: "NotificationHook", value: "QUEUE_AWS_SNS_OUTBOUND",
             roundTrip: using(NotificationHook.self)),
        Case(file: notification, schema: "NotificationQueueAzureEventGridOutbound", parent: "NotificationHook", value: "QUEUE_AZURE_EVENT_GRID_OUTBOUND",
             roundTrip: using(NotificationHook.self)),
        Case(file: notification, schema: "NotificationQueueGcpPubsubOutbound", parent: "NotificationHook", value: "QUEUE_GCP_PUBSUB_OUTBOUND",
             roundTrip: using(NotificationHook.self)),
        Case(file: notification, schema: "NotificationQueueAzureEventGridInbound", parent: "NotificationHook", value: "QUEUE_AZURE_EVENT_GRID_INBOUND",
             roundTrip: using(NotificationHook.self)),
        Case(file: notification, schema: "NotificationQueueGcpPubsubInbound", parent: "NotificationHook", value: "QUEUE_GCP_PUBSUB_INBOUND",
             roundTrip: using(NotificationHook.self)),
        Case(file: notification, schema: "WebhookSecret", roundTrip: using(NotificationWebhookSecret.self)),
        Case(file: catalog, schema: "Glue", parent: "Catalog", value: "GLUE", roundTrip: using(CatalogIntegrationCatalog.self)),
        Case(file: catalog, schema: "ObjectStore", parent: "Catalog", value: "OBJECT_STORE", roundTrip: using(CatalogIntegrationCatalog.self)),
        Case(file: catalog, schema: "Polaris", parent: "Catalog", value: "POLARIS", roundTrip: using(CatalogIntegrationCatalog.self)),
        Case(file: catalog, schema: "RestConfig", roundTrip: using(CatalogIntegrationRestConfig.self)),
        Case(file: catalog, schema: "OAuth", parent: "RestAuthentication", value: "OAUTH", roundTrip: using(CatalogIntegrationRestAuthentication.self)),
        Case(file: api, schema: "AwsHook", parent: "ApiHook", value: "AWS", roundTrip: using(ApiIntegrationHook.self)),
        Case(file: api, schema: "AzureHook", parent: "ApiHook", value: "AZURE", roundTrip: using(ApiIntegrationHook.self)),
        Case(file: api, schema: "GoogleCloudHook", parent: "ApiHook", value: "GC", roundTrip: using(ApiIntegrationHook.self)),
        Case(file: api, schema: "GitHook", parent: "ApiHook", value: "GIT", roundTrip: using(ApiIntegrationHook.self)),
    ]

    private let catalogOfSpecs = SpecCatalog.shared

    private func keys(_ data: Data) throws -> Set<String> {
        Set(try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any]).keys)
    }

    @Test("every variant field is modelled, with its type, and comes back out", arguments: cases)
    func fields(_ row: Case) throws {
        let schema = try catalogOfSpecs.schema(row.schema, in: row.file)
        var sample = try #require(try catalogOfSpecs.sample(["$ref": "#/components/schemas/\(row.schema)"], file: row.file) as? [String: Any])
        if let parent = row.parent, let value = row.value {
            let discriminator = try #require(try catalogOfSpecs.schema(parent, in: row.file).discriminator)
            #expect(discriminator.mapping[value]?.hasSuffix(row.schema) == true, "\(value) maps to \(row.schema)")
            sample[discriminator.property] = value
        }
        let (response, request) = try row.roundTrip(try JSONSerialization.data(withJSONObject: sample))
        let returned = try keys(response), sent = try keys(request)
        #expect(returned == Set(schema.properties.keys), "fields: \(returned.symmetricDifference(schema.properties.keys).sorted())")
        let writable = Set(schema.properties.filter { !catalogOfSpecs.isReadOnly($0.value.schema) }.keys)
        #expect(sent == writable, "read-only mismatch: \(sent.symmetricDifference(writable).sorted())")
        if let parent = row.parent, let value = row.value {
            let property = try #require(try catalogOfSpecs.schema(parent, in: row.file).discriminator?.property)
            let body = try #require(try JSONSerialization.jsonObject(with: request) as? [String: Any])
            #expect(body[property] as? String == value, "the discriminator is written")
        }
        for name in schema.required {
            var missing = sample
            missing[name] = nil
            #expect(throws: (any Error).self, "'\(name)' is required") { _ = try row.roundTrip(try JSONSerialization.data(withJSONObject: missing)) }
        }
    }

    @Test("every discriminator value of the specs has a variant here")
    func everyVariant() throws {
        for (file, parent) in [(Self.notification, "NotificationHook"), (Self.catalog, "Catalog"), (Self.catalog, "RestAuthentication"), (Self.api, "ApiHook")] {
            let mapping = try #require(try catalogOfSpecs.schema(parent, in: file).discriminator).mapping
            let covered = Set(Self.cases.filter { $0.parent == parent }.compactMap(\.value))
            #expect(Set(mapping.keys) == covered, "\(parent)")
        }
    }

    @Test("an unknown discriminator value does not decode")
    func unknownVariant() {
        let bodies: [(String, @Sendable (Data) throws -> (response: Data, request: Data))] = [
            (#"{"type":"QUEUE"}"#, Self.using(NotificationHook.self)),
            (#"{"catalog_source":"ICEBERG_REST"}"#, Self.using(CatalogIntegrationCatalog.self)),
            (#"{"type":"BEARER"}"#, Self.using(CatalogIntegrationRestAuthentication.self)),
            (#"{"type":"SLACK"}"#, Self.using(ApiIntegrationHook.self)),
        ]
        for (body, roundTrip) in bodies {
            #expect(throws: DecodingError.self, "\(body)") { _ = try roundTrip(Data(body.utf8)) }
        }
    }
}
