@testable import SnowflakeEmulator
import SnowflakeModels
import Testing

@Suite("Family registry")
struct RegistryTests {
    @Test("the emulator serves exactly the families the project lists")
    func servesEveryFamily() {
        let served = FamilyRegistry.standard.descriptors.map(\.family).sorted()
        let listed = ResourceFamilies.all.map { $0.descriptor.family }.sorted()
        #expect(served == listed)
        for family in ResourceFamilies.all {
            #expect(FamilyRegistry.standard.endpoint(scope: family.scope, collectionPath: family.descriptor.collectionPath) != nil)
        }
    }
}
