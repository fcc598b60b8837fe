namespace ActorSsl.Core.Settings;

/// <summary>How samples reach augmentation nodes on other machines (<c>actorssl.cluster</c>).</summary>
public enum DataTransport
{
    /// <summary>Encoded sample bytes travel with each lease: augment nodes need no copy of the data.</summary>
    Bytes,

    /// <summary>Every node reads <c>actorssl.data.path</c> itself (a shared or replicated file system).</summary>
    SharedPath,
}

/// <summary><c>actorssl.cluster</c>: the multi-node options of a run.</summary>
public sealed record ClusterSettings(DataTransport DataTransport, int LeaseMaxBytes, TimeSpan OfferRetry)
{
    public static ClusterSettings Create(ConfigReader cluster) => new(
        cluster.Enum("data-transport", ("bytes", DataTransport.Bytes), ("shared-path", DataTransport.SharedPath)),
        cluster.Int("lease-max-bytes", 4096, 64 * 1024 * 1024),
        cluster.Duration("offer-retry"));

    public string DataTransportName => DataTransport == DataTransport.Bytes ? "bytes" : "shared-path";
}
