using System.Runtime.Serialization;
using Akka.Actor;
using Akka.Configuration;
using Akka.Serialization;
using Akka.TestKit.Xunit2;
using ActorSsl.Core.Messages;
using ActorSsl.Core.Serialization;
using ActorSsl.Core.Settings;

namespace ActorSsl.Core.Tests;

public class SerializerSpec() : TestKit(ActorSslConfig.FromString(""))
{
    public static TheoryData<object> Messages() => new()
    {
        RequestLease.Instance,
        RequestLease.WithSampleBytes,
        new Lease(7, 2, 128, new[] { 5, 1, 9 }),
        new Lease(8, 1, 0, new[] { 4, 2 }, [SamplePayload.Of([1, 2, 3]), SamplePayload.Failed("file of 9 bytes is larger than a lease may carry")], More: true),
        RequestRunOffer.Instance,
        new RunEnded("actorssl@127.0.0.1:4054/abc"),
        NoMoreLeases.Instance,
        new ConsumerHead(123456789012),
        RegisterProducer.Instance,
        new Credit(4),
        new AugmentedChunk(9, 1, 64, new[] { 3, 4 }, new[] { 1 }, new[] { "truncated JPEG: no end-of-image marker" }, 2, 1, 2,
            new byte[] { 1, 2, 3, 4, 5, 6, 7, 8, 0, 0, 0, 0, 0, 0, 0, 0 }),
        new EpochCompleted(3, 100, 98, 2, 1),
        new SamplesSkipped(new[] { 4 }, new[] { "zero bytes" }),
        new InboxProgress(10, 2560, 3, 2, 8, 4),
        GetProgress.Instance,
        new RunProgress(1, 3, 10, 2560, 0, 1, 0, false),
        new StepMetrics(233, 1, 256, 6.25, 0.06, 412.5, 0.75),
        new EpochEvaluated(2, 77.61),
        new CheckpointWritten("runs/checkpoints/epoch-2.ckpt", 468),
        new TrainingFinished(false, "InvalidDataException: bad"),
    };

    [Theory]
    [MemberData(nameof(Messages))]
    public void Every_message_must_round_trip_through_the_ActorSsl_serializer(object message)
    {
        var serializer = Sys.Serialization.FindSerializerFor(message);
        Assert.IsType<ActorSslSerializer>(serializer);
        var manifest = Akka.Serialization.Serialization.ManifestFor(serializer, message);
        var bytes = serializer.ToBinary(message);
        var back = Sys.Serialization.Deserialize(bytes, serializer.Identifier, manifest);
        Assert.Equal(Describe(message), Describe(back));
    }

    [Fact]
    public void A_run_offer_must_carry_its_actor_references()
    {
        var loader = Sys.ActorOf(Props.Empty, "loader");
        var inbox = Sys.ActorOf(Props.Empty, "inbox");
        var offer = new RunOffer("run-1", "actorssl.run.seed = 7", "bytes", "raw-gray:28x28", loader, inbox);
        var serializer = Sys.Serialization.FindSerializerFor(offer);
        var back = (RunOffer)Sys.Serialization.Deserialize(serializer.ToBinary(offer), serializer.Identifier, Akka.Serialization.Serialization.ManifestFor(serializer, offer));
        Assert.Equal(Describe(offer), Describe(back));
        Assert.Equal(loader, back.Loader);
        Assert.Equal(inbox, back.Inbox);
    }

    [Fact]
    public void A_lease_whose_payload_count_differs_from_its_samples_must_be_rejected()
    {
        var serializer = (SerializerWithStringManifest)Sys.Serialization.FindSerializerForType(typeof(Lease));
        var bytes = serializer.ToBinary(new Lease(1, 1, 0, [1, 2], [SamplePayload.Of([1]), SamplePayload.Of([2])], false));
        // Layout: id (8), epoch (4), start (4), index count (4) + 2 indices (8), more (1), payload count (4) at offset 29.
        Assert.Equal(2, BitConverter.ToInt32(bytes, 29));
        BitConverter.GetBytes(1).CopyTo(bytes, 29);
        var e = Assert.Throws<SerializationException>(() => serializer.FromBinary(bytes, "l.2"));
        Assert.Contains("1 payloads for 2 samples", e.Message);
    }

    [Fact]
    public void Pixels_must_travel_raw()
    {
        var pixels = new byte[100_000];
        new Random(1).NextBytes(pixels);
        var chunk = new AugmentedChunk(1, 1, 0, Enumerable.Range(0, 50).ToArray(), Array.Empty<int>(), Array.Empty<string>(), 2, 1, 50, pixels);
        var bytes = Sys.Serialization.FindSerializerFor(chunk).ToBinary(chunk);
        Assert.True(bytes.Length < pixels.Length + 300, $"{bytes.Length} bytes for {pixels.Length} pixel bytes");
    }

    [Fact]
    public void Unknown_manifest_must_be_rejected()
    {
        var serializer = (SerializerWithStringManifest)Sys.Serialization.FindSerializerForType(typeof(Credit));
        var e = Assert.Throws<SerializationException>(() => serializer.FromBinary(new byte[4], "System.Diagnostics.Process, System"));
        Assert.Contains("Unknown ActorSsl message manifest", e.Message);
    }

    [Fact]
    public void Hostile_lengths_must_fail_without_allocating()
    {
        var serializer = (SerializerWithStringManifest)Sys.Serialization.FindSerializerForType(typeof(Lease));
        // A lease claiming two billion indices in a 24-byte message.
        var bytes = new byte[24];
        BitConverter.TryWriteBytes(bytes.AsSpan(16), int.MaxValue);
        Assert.Throws<SerializationException>(() => serializer.FromBinary(bytes, "l.1"));
        Assert.Throws<SerializationException>(() => serializer.FromBinary(new byte[3], "cr.1"));
        Assert.Throws<SerializationException>(() => serializer.FromBinary(new byte[5], "cr.1")); // trailing byte
    }

    [Fact]
    public void Chunk_whose_payload_does_not_match_its_shape_must_be_rejected()
    {
        var chunk = new AugmentedChunk(1, 1, 0, new[] { 1 }, Array.Empty<int>(), Array.Empty<string>(), 2, 1, 2, new byte[7]);
        var serializer = (SerializerWithStringManifest)Sys.Serialization.FindSerializerFor(chunk);
        Assert.Throws<SerializationException>(() => serializer.FromBinary(serializer.ToBinary(chunk), "ac.1"));
    }

    [Fact]
    public void Foreign_objects_must_not_be_serialized_by_it()
    {
        var serializer = (SerializerWithStringManifest)Sys.Serialization.FindSerializerForType(typeof(Credit));
        Assert.Throws<SerializationException>(() => serializer.ToBinary("not a message"));
    }

    [Fact]
    public async Task Rejecting_serializer_must_take_the_JSON_serializers_place_and_refuse_both_directions()
    {
        // As hocon/cluster/base.conf configures cluster nodes. Akka builds "json" with its serialization-settings.
        var system = ActorSystem.Create("rejecting", ConfigurationFactory.ParseString(
            "akka.actor.serializers.json = \"ActorSsl.Core.Serialization.RejectingSerializer, ActorSsl.Core\"").WithFallback(ActorSslConfig.FromString("")));
        try
        {
            var json = system.Serialization.FindSerializerForType(typeof(Version));
            Assert.IsType<RejectingSerializer>(json);
            Assert.Throws<SerializationException>(() => json.ToBinary(new Version(1, 2)));
            Assert.Throws<SerializationException>(() => json.FromBinary(new byte[] { 123, 125 }, typeof(object)));
        }
        finally
        {
            await system.Terminate();
        }
    }

    // Records compare arrays by reference; describe them by content instead.
    private static string Describe(object o) => o switch
    {
        Lease l => $"Lease {l.LeaseId} {l.Epoch} {l.Start} [{string.Join(",", l.Indices)}] {l.More} [{string.Join("|", l.Payloads.Select(p => Convert.ToHexString(p.Bytes) + ":" + p.Failure))}]",
        RunOffer r => $"Offer {r.RunId} {r.ConfigHocon} {r.DataTransport} {r.PayloadFormat} {r.Loader.Path} {r.Inbox.Path}",
        AugmentedChunk c => $"Chunk {c.LeaseId} {c.Epoch} {c.Start} [{string.Join(",", c.Indices)}] [{string.Join(",", c.SkippedOffsets)}] [{string.Join("|", c.SkipReasons)}] {c.Views} {c.Channels} {c.Size} {Convert.ToHexString(c.Pixels)}",
        RequestLease r => $"RequestLease {r.NeedsSampleBytes}",
        SamplesSkipped s => $"Skipped [{string.Join(",", s.Indices)}] [{string.Join("|", s.Reasons)}]",
        _ => o.ToString()!,
    };
}
