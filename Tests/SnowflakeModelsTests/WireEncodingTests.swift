import Foundation
import SnowflakeModels
import Testing

@Suite("Wire encoding")
struct WireEncodingTests {
    private func json(_ data: Data) throws -> [String: Any] {
        try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
    }

    @Test("request bodies leave out read-only fields; responses keep them")
    func readOnlyFields() throws {
        var task = TaskModel(name: "t1", definition: "select 1", schedule: .minutes(5))
        task.state = .started
        task.createdOn = Date(timeIntervalSince1970: 0)
        task.owner = "SYSADMIN"
        let request = try json(WireCoding.encodeRequestBody(task, with: WireCoding.encoder()))
        #expect(Set(request.keys) == ["name", "definition", "schedule"])
        let response = try json(WireCoding.encoder().encode(task))
        #expect(response["state"] as? String == "started")
        #expect(response["owner"] as? String == "SYSADMIN")
        #expect(response["created_on"] as? String == "1970-01-01T00:00:00.000Z")
    }

    @Test("schedules carry their discriminator")
    func schedules() throws {
        let interval = try json(WireCoding.encoder().encode(TaskSchedule.every(.seconds(330))))
        #expect(interval["schedule_type"] as? String == "MINUTES_TYPE")
        #expect(interval["minutes"] as? Int == 5)
        #expect(interval["seconds"] as? Int == 30)
        let cron = try json(WireCoding.encoder().encode(TaskSchedule.cron("0 * * * *", timeZone: "UTC")))
        #expect(cron["schedule_type"] as? String == "CRON_TYPE")
        #expect(cron["cron_expr"] as? String == "0 * * * *")
        let decoded = try WireCoding.decoder().decode(
            TaskSchedule.self, from: Data(#"{"schedule_type":"CRON_TYPE","cron_expr":"0 9 * * *","timezone":"Europe/Paris"}"#.utf8))
        #expect(decoded == .cron("0 9 * * *", timeZone: "Europe/Paris"))
        #expect(throws: DecodingError.self) {
            try WireCoding.decoder().decode(TaskSchedule.self, from: Data(#"{"schedule_type":"HOURLY"}"#.utf8))
        }
    }

    @Test("bodies as the Python library sends them decode, nulls and all")
    func pythonBodies() throws {
        let database = try WireCoding.decoder().decode(
            DatabaseModel.self, from: Data(#"{"name":"d2","kind":"TRANSIENT","comment":"c","dropped_on":null}"#.utf8))
        #expect(database.name == "d2")
        #expect(database.kind == "TRANSIENT")
        #expect(database.droppedOn == nil)
        let task = try WireCoding.decoder().decode(
            TaskModel.self,
            from: Data(#"{"name":"t1","warehouse":"wh","schedule":{"minutes":5,"seconds":30,"schedule_type":"MINUTES_TYPE"},"config":{"a":1,"b":"x","c":true,"d":1.5},"definition":"select 1"}"#.utf8))
        #expect(task.config == ["a": 1, "b": "x", "c": true, "d": 1.5])
        #expect(task.schedule == .interval(MinutesSchedule(minutes: 5, seconds: 30)))
    }

    @Test("timestamps are read with or without fractions and offsets")
    func timestamps() {
        let withOffset = WireCoding.parseTimestamp("2024-06-18T01:01:01.111-07:00")?.timeIntervalSince1970 ?? 0
        #expect(abs(withOffset - 1_718_697_661.111) < 0.0005)
        #expect(WireCoding.parseTimestamp("2024-06-18T08:01:01Z") == Date(timeIntervalSince1970: 1_718_697_661))
        #expect(WireCoding.parseTimestamp("yesterday") == nil)
    }

    @Test("points of time name their value after their kind")
    func pointsOfTime() throws {
        let offset = try json(WireCoding.encoder().encode(PointOfTime.offset(seconds: -60, reference: .before)))
        #expect(offset["point_of_time_type"] as? String == "offset")
        #expect(offset["offset"] as? String == "-60")
        #expect(offset["reference"] as? String == "before")
    }

    @Test("timestamps are written to the millisecond meant (Foundation's style can print one less) and round-trip")
    func fastTimestamps() throws {
        var generator = SystemRandomNumberGenerator()
        let style = Date.ISO8601FormatStyle(includingFractionalSeconds: true)
        for _ in 0..<2_000 {
            let milliseconds = Int64.random(in: -2_208_988_800_000...4_102_444_800_000, using: &generator)  // 1900 to 2100
            let date = Date(timeIntervalSince1970: Double(milliseconds) / 1_000)
            let text = WireCoding.formatTimestamp(date)
            let wholeSeconds = Date(timeIntervalSince1970: Double(milliseconds.quotientAndRemainder(dividingBy: 1_000).quotient - (milliseconds % 1_000 < 0 ? 1 : 0)))
            let millis = ((milliseconds % 1_000) + 1_000) % 1_000
            #expect(text == String(style.format(wholeSeconds).dropLast(5)) + String(format: ".%03dZ", Int(millis)))
            let parsed = try #require(WireCoding.parseTimestamp(text))
            #expect(WireCoding.formatTimestamp(parsed) == text)
            #expect(abs(parsed.timeIntervalSince(date)) < 0.000_5)
        }
        #expect(WireCoding.parseTimestamp("2026-01-02T03:04:05+02:30") == (try Date("2026-01-02T00:34:05Z", strategy: .iso8601)))
        #expect(WireCoding.parseTimestamp("2026-01-02T03:04:05.5-01:00")?.timeIntervalSince1970 == 1_767_326_645.5)
        for invalid in ["2026-13-02T03:04:05Z", "2026-01-02 03:04:05", "2026-01-02T03:04:05", "2026-01-02T03:04:05.Z", "x"] {
            #expect(WireCoding.parseTimestamp(invalid) == nil, "\(invalid)")
        }
    }
}
