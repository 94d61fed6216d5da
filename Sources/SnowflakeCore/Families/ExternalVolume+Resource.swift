import SnowflakeModels

/// A reference to an external volume, as `snowflake.core` names it.
public typealias ExternalVolumeResource = ResourceReference<ExternalVolumeModel>
/// The external volumes of the account, as `snowflake.core` names it.
public typealias ExternalVolumeCollection = ResourceCollection<ExternalVolumeModel>

extension Root {
    /// The account's external volumes: create (with a mode), list (`like`), fetch, drop and
    /// undrop (within the retention time, one day by default).
    ///
    /// ```swift
    /// let volume = try await root.externalVolumes.create(ExternalVolumeModel(name: "lake", storageLocations: [
    ///     .gcs(ExternalVolumeGCSLocation(name: "eu", storageBaseUrl: "gcs://lake-eu/", encryption: .gcsSSEKMS(keyId: "k1")))
    /// ]))
    /// try await volume.drop()
    /// try await volume.undrop()
    /// ```
    /// - Remark: HTTP `GET|POST /api/v2/external-volumes`, `GET|DELETE /api/v2/external-volumes/{name}`,
    ///   `POST /api/v2/external-volumes/{name}:undrop`
    public var externalVolumes: ExternalVolumeCollection { collection(ExternalVolumeModel.self) }
}
