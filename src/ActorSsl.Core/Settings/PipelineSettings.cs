namespace ActorSsl.Core.Settings;

/// <summary><c>actorssl.pipeline</c>: batch assembly, leases, chunks and the flow-control budgets.</summary>
public sealed record PipelineSettings(
    int BatchSize,
    bool DropLast,
    int LeaseSize,
    int ChunkSamples,
    int ChunkMaxBytes,
    int CreditsPerWorker,
    int ReorderWindow,
    int ChannelCapacity,
    TimeSpan LeaseTimeout,
    TimeSpan ProgressInterval)
{
    /// <summary>Samples per chunk for samples of <paramref name="sampleBytes"/> bytes: at least 1.</summary>
    public int SamplesPerChunk(int sampleBytes) => Math.Max(1, Math.Min(ChunkSamples, ChunkMaxBytes / Math.Max(1, sampleBytes)));

    /// <summary>How far ahead of the consumer the loader may lease, in samples.</summary>
    public int WindowSamples => checked(ReorderWindow * BatchSize);

    public static PipelineSettings Create(ConfigReader p)
    {
        var settings = new PipelineSettings(
            p.Int("batch-size", 1, 1 << 20),
            p.Bool("drop-last"),
            p.Int("lease-size", 1, 1 << 20),
            p.Int("chunk-samples", 1, 1 << 20),
            p.Int("chunk-max-bytes", 1024),
            p.Int("credits-per-worker", 1, 1024),
            p.Int("reorder-window", 1, 1024),
            p.Int("channel-capacity", 1, 1024),
            p.Duration("lease-timeout"),
            p.Duration("progress-interval"));
        if (settings.LeaseSize > settings.WindowSamples)
            throw new ActorSslConfigException(
                $"{p.Path("lease-size")} = {settings.LeaseSize} exceeds reorder-window × batch-size = {settings.WindowSamples}: lower the lease size or raise the window.");
        return settings;
    }
}
