import Foundation
import SnowflakeCore
import SnowflakeEmulator
import SnowflakeTestSupport
import Testing

@Suite("Compute pools end to end")
struct ComputePoolTests {
    static func pool(_ name: String = "pool1", min: Int = 1, max: Int = 2, family: String = "CPU_X64_XS") -> ComputePoolModel {
        ComputePoolModel(name: name, minNodes: min, maxNodes: max, instanceFamily: family)
    }

    @Test("a new pool is idle with its minimum nodes and the defaults CREATE COMPUTE POOL fills")
    func createWithDefaults() async throws {
        try await TestEmulator.withRoot { root, _ in
            let reference = try await root.computePools.create(Self.pool(min: 2, max: 3, family: "cpu_x64_s"))
            let pool = try await reference.fetch()
            #expect(pool.name == "POOL1")
            #expect(pool.state == .idle)
            #expect(pool.instanceFamily == "CPU_X64_S")
            #expect((pool.minNodes, pool.maxNodes) == (2, 3))
            #expect((pool.activeNodes, pool.idleNodes, pool.targetNodes) == (2, 2, 2))
            #expect((pool.numServices, pool.numJobs) == (0, 0))
            #expect(pool.autoResume == true)
            #expect(pool.autoSuspendSecs == 3600)
            #expect(pool.isExclusive == false)
            #expect(pool.owner == "ACCOUNTADMIN")
            #expect(pool.createdOn != nil)
            #expect(pool.resumedOn == pool.createdOn)
            #expect(await capturedError { try await root.computePools.create(Self.pool()) }?.code == .conflict)
            try await root.computePools.create(Self.pool(max: 9), mode: .ifNotExists)
            #expect(try await reference.fetch().maxNodes == 3)
        }
    }

    @Test("an initially suspended pool resumes once; resuming a running pool is a 400; suspending twice is fine")
    func resumeAndSuspend() async throws {
        try await TestEmulator.withRoot { root, _ in
            let reference = try await root.computePools.create(Self.pool(), initiallySuspended: true)
            let created = try await reference.fetch()
            #expect(created.state == .suspended)
            #expect((created.activeNodes, created.targetNodes) == (0, 0))
            try await reference.resume()
            #expect(try await reference.fetch().state == .idle)
            let again = await capturedError { try await reference.resume() }
            #expect(again?.code == .badRequest)
            try await reference.suspend()
            try await reference.suspend()
            #expect(try await reference.fetch().state == .suspended)
            #expect(await capturedError { try await root.computePools["missing"].resume() }?.message == "compute pool 'missing' does not exist or not authorized.")
            try await root.computePools.create(Self.pool("running"), initiallySuspended: false)
            #expect(try await root.computePools["running"].fetch().state == .idle)
        }
    }

    @Test("node counts, instance families and names are checked; nothing refused is stored")
    func validation() async throws {
        try await TestEmulator.withRoot { root, emulator in
            for model in [Self.pool(min: 0, max: 1), Self.pool(min: 3, max: 2), Self.pool(family: "CPU_X64_HUGE"), Self.pool("\"Quoted Pool\"")] {
                #expect(await capturedError { try await root.computePools.create(model) }?.code == .badRequest, "\(model)")
            }
            let http = RawHTTP(baseURL: emulator.baseURL, token: emulator.adminToken)
            let missingFamily = try await http.send("POST", "/api/v2/compute-pools", body: #"{"name":"p","min_nodes":1,"max_nodes":1}"#)
            #expect(missingFamily.status == 400)
            let negative = try await http.send(
                "POST", "/api/v2/compute-pools", body: #"{"name":"p","min_nodes":1,"max_nodes":1,"instance_family":"CPU_X64_XS","auto_suspend_secs":-5}"#)
            #expect(negative.status == 400)
            #expect(try await root.computePools.list().collect().isEmpty)
        }
    }

    @Test("create-or-alter resizes a pool in its state, unsets what is omitted, and refuses another instance family")
    func createOrAlter() async throws {
        try await TestEmulator.withRoot { root, _ in
            let reference = root.computePools["pool1"]
            var model = Self.pool()
            model.comment = "first"
            model.autoSuspendSecs = 120
            try await reference.createOrAlter(model)
            #expect(try await reference.fetch().state == .idle)
            try await reference.createOrAlter(Self.pool(min: 3, max: 5))
            let resized = try await reference.fetch()
            #expect((resized.state, resized.minNodes, resized.maxNodes, resized.activeNodes) == (.idle, 3, 5, 3))
            #expect(resized.comment == nil)
            #expect(resized.autoSuspendSecs == 3600)
            try await reference.suspend()
            try await reference.createOrAlter(Self.pool(min: 1, max: 1))
            #expect(try await reference.fetch().state == .suspended)
            #expect(await capturedError { try await reference.createOrAlter(Self.pool(family: "GPU_NV_S")) }?.code == .badRequest)
            #expect(try await reference.fetch().instanceFamily == "CPU_X64_XS")
        }
    }

    @Test("an idle pool suspends itself after auto_suspend_secs; stopping all services makes it idle from then")
    func autoSuspend() async throws {
        let clock = ManualClock()
        try await TestEmulator.withRoot(TestEmulator.configuration(clock: clock)) { root, emulator in
            var model = Self.pool()
            model.autoSuspendSecs = 300
            let reference = try await root.computePools.create(model)
            let created = try await reference.fetch()
            clock.advance(by: 200)
            try await reference.stopAllServices()
            clock.advance(by: 200)
            #expect(try await reference.fetch().state == .idle)
            let http = RawHTTP(baseURL: emulator.baseURL, token: emulator.adminToken)
            #expect(try await http.send("POST", "/api/v2/compute-pools/pool1:stopallservices").status == 200, "the legacy spelling works too")
            clock.advance(by: 299)
            #expect(try await reference.fetch().state == .idle)
            clock.advance(by: 1)
            let suspended = try await reference.fetch()
            #expect((suspended.state, suspended.activeNodes) == (.suspended, 0))
            #expect(suspended.updatedOn == created.createdOn!.addingTimeInterval(700))
            #expect(try await root.computePools.list().collect().map(\.state) == [.suspended])
            try await reference.resume()
            #expect(try await reference.fetch().state == .idle, "an auto-suspended pool can be resumed")

            var never = Self.pool("never")
            never.autoSuspendSecs = 0
            try await root.computePools.create(never)
            clock.advance(by: 30 * 86_400)
            #expect(try await root.computePools["never"].fetch().state == .idle)
            #expect(await capturedError { try await root.computePools["missing"].stopAllServices() }?.code == .notFound)
        }
    }

    @Test("instance families: Snowflake's machine types, with the nodes the account uses of each")
    func instanceFamilies() async throws {
        try await TestEmulator.withRoot { root, emulator in
            let families = try await root.computePools.instanceFamilies()
            #expect(families.compactMap(\.name) == [
                "CPU_X64_XS", "CPU_X64_S", "CPU_X64_M", "CPU_X64_L", "HIGHMEM_X64_S", "HIGHMEM_X64_M", "HIGHMEM_X64_L",
                "GPU_NV_S", "GPU_NV_M", "GPU_NV_L",
            ])
            let small = try #require(families.first { $0.name == "CPU_X64_S" })
            #expect((small.vcpu, small.memoryGib, small.gpuCount, small.gpu) == (3, 13, 0, nil))
            let gpu = try #require(families.first { $0.name == "GPU_NV_L" })
            #expect((gpu.vcpu, gpu.memoryGib, gpu.gpu, gpu.gpuCount, gpu.gpuMemoryGib) == (92, 1112, "NVIDIA A100", 8, 40))
            #expect(families.allSatisfy { $0.currentNodeUsage == 0 })

            try await root.computePools.create(Self.pool("a", min: 2, max: 4))
            try await root.computePools.create(Self.pool("b", min: 3, max: 3))
            try await root.computePools.create(Self.pool("c", min: 5, max: 5), initiallySuspended: true)
            func usage() async throws -> Int? {
                try await root.computePools.instanceFamilies().first { $0.name == "CPU_X64_XS" }?.currentNodeUsage
            }
            #expect(try await usage() == 5, "running pools count their nodes; a suspended one has none")
            try await root.computePools["b"].suspend()
            #expect(try await usage() == 2)

            // Every field of the spec's ComputePoolInstanceFamily comes back for a GPU family.
            let raw = try await RawHTTP(baseURL: emulator.baseURL, token: emulator.adminToken).send("GET", "/api/v2/compute-pools/instance-families")
            let gpuRow = try #require(raw.array?.first { $0["name"] as? String == "GPU_NV_S" })
            let schema = try SpecCatalog.shared.schema("ComputePoolInstanceFamily", in: "compute-pool.yaml")
            #expect(Set(gpuRow.keys) == Set(schema.properties.keys))
        }
    }

    @Test("listing takes like, startsWith and showLimit; drop removes the pool at once")
    func listAndDrop() async throws {
        try await TestEmulator.withRoot { root, _ in
            for name in ["alpha", "alpine", "beta"] { try await root.computePools.create(Self.pool(name)) }
            #expect(try await root.computePools.list(like: "ALP%").collect().map(\.name) == ["ALPHA", "ALPINE"])
            #expect(try await root.computePools.list(startsWith: "B").collect().map(\.name) == ["BETA"])
            #expect(try await root.computePools.list(showLimit: 2).collect().map(\.name) == ["ALPHA", "ALPINE"])
            #expect(await capturedError { _ = try await root.computePools.list(fromName: "A").collect() }?.code == .invalidArgument)
            try await root.computePools["beta"].drop()
            #expect(await capturedError { _ = try await root.computePools["beta"].fetch() }?.code == .notFound)
            #expect(await capturedError { try await root.computePools["beta"].drop() }?.code == .notFound)
            try await root.computePools["beta"].drop(ifExists: true)
        }
    }
}
