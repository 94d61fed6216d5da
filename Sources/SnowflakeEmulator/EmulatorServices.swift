import Foundation

/// The emulator's shared parts, one per running emulator: its store, who may call it, and the
/// families it serves.
final class EmulatorServices: Sendable {
    let configuration: EmulatorConfiguration
    let store: EmulatorStore
    let users: UserDirectory
    let tokens: AccessTokens
    let sessions: Sessions
    let sessionSettings: SessionSettings
    let results = AsyncResults()
    let registry = FamilyRegistry.standard
    let scheduler: TaskScheduler

    init(configuration: EmulatorConfiguration, store: EmulatorStore) {
        self.configuration = configuration
        self.store = store
        users = UserDirectory(store: store)
        tokens = AccessTokens(store: store, clock: configuration.clock)
        scheduler = TaskScheduler(store: store, clock: configuration.clock, logger: configuration.logger)
        sessions = Sessions(store: store, clock: configuration.clock, validity: configuration.sessionValidity)
        sessionSettings = SessionSettings(store: store)
    }

    var authenticator: RequestAuthenticator { RequestAuthenticator(services: self) }
}
