using System.Runtime.Serialization;
using Akka.Actor;
using Akka.Serialization;
using ActorSsl.Core.Messages;

namespace ActorSsl.Core.Serialization;

/// <summary>
/// The one serializer for ActorSsl's messages: compact binary with raw pixel payloads, versioned string
/// manifests (".1" suffix), and a closed set of types: an unknown manifest is rejected, nothing is ever
/// instantiated from a type name found on the wire.
/// </summary>
public sealed class ActorSslSerializer(ExtendedActorSystem system) : SerializerWithStringManifest(system)
{
    /// <summary>Serializer id; ids up to 100 are reserved by Akka.NET.</summary>
    public const int SerializerId = 4711;

    public override int Identifier => SerializerId;

    public override string Manifest(object o) => o switch
    {
        RequestLease m => m.NeedsSampleBytes ? "rlb.1" : "rl.1",
        Lease => "l.2",
        NoMoreLeases => "nml.1",
        ConsumerHead => "ch.1",
        RegisterProducer => "rp.1",
        Credit => "cr.1",
        AugmentedChunk => "ac.1",
        EpochCompleted => "ec.1",
        SamplesSkipped => "ss.1",
        InboxProgress => "ip.1",
        GetProgress => "gp.1",
        RunProgress => "pr.1",
        StepMetrics => "sm.1",
        EpochEvaluated => "ee.1",
        CheckpointWritten => "cw.1",
        TrainingFinished => "tf.1",
        RequestRunOffer => "rro.1",
        RunOffer => "ro.1",
        RunEnded => "re.1",
        _ => throw new SerializationException($"ActorSslSerializer cannot serialize {o.GetType().FullName}: it is not an ActorSsl message"),
    };

    public override byte[] ToBinary(object obj)
    {
        var size = WireWriter.Measuring();
        Write(size, obj);
        var w = WireWriter.Exact(size.Length);
        Write(w, obj);
        return w.Result();
    }

    /// <summary>Writes <paramref name="obj"/>'s fields; run twice per message (measure, then write).</summary>
    private static void Write(WireWriter w, object obj)
    {
        switch (obj)
        {
            case RequestLease or NoMoreLeases or RegisterProducer or GetProgress or RequestRunOffer:
                break;
            case Lease m:
                w.Long(m.LeaseId); w.Int(m.Epoch); w.Int(m.Start); w.Ints(m.Indices); w.Bool(m.More);
                w.Int(m.Payloads.Length);
                foreach (var p in m.Payloads)
                {
                    w.Bytes(p.Bytes); w.String(p.Failure);
                }
                break;
            case RunOffer m:
                w.String(m.RunId); w.String(m.ConfigHocon); w.String(m.DataTransport); w.String(m.PayloadFormat);
                w.String(Akka.Serialization.Serialization.SerializedActorPath(m.Loader));
                w.String(Akka.Serialization.Serialization.SerializedActorPath(m.Inbox));
                break;
            case RunEnded m:
                w.String(m.RunId);
                break;
            case ConsumerHead m:
                w.Long(m.Position);
                break;
            case Credit m:
                w.Int(m.Chunks);
                break;
            case AugmentedChunk m:
                w.Long(m.LeaseId); w.Int(m.Epoch); w.Int(m.Start); w.Ints(m.Indices); w.Ints(m.SkippedOffsets);
                w.Strings(m.SkipReasons); w.Int(m.Views); w.Int(m.Channels); w.Int(m.Size); w.Bytes(m.Pixels);
                break;
            case EpochCompleted m:
                w.Int(m.Epoch); w.Int(m.Planned); w.Int(m.Delivered); w.Int(m.Skipped); w.Int(m.Duplicates);
                break;
            case SamplesSkipped m:
                w.Ints(m.Indices); w.Strings(m.Reasons);
                break;
            case InboxProgress m:
                w.Long(m.Batches); w.Long(m.Samples); w.Long(m.Duplicates); w.Int(m.OpenBatches); w.Int(m.CreditsOutstanding); w.Int(m.Producers);
                break;
            case RunProgress m:
                w.Int(m.EpochsCompleted); w.Int(m.Epochs); w.Long(m.Batches); w.Long(m.Samples); w.Long(m.Duplicates);
                w.Long(m.Skipped); w.Long(m.Missing); w.Bool(m.Finished);
                break;
            case StepMetrics m:
                w.Long(m.Step); w.Int(m.Epoch); w.Int(m.Samples); w.Double(m.Loss); w.Double(m.LearningRate);
                w.Double(m.StepMilliseconds); w.Double(m.WaitMilliseconds);
                break;
            case EpochEvaluated m:
                w.Int(m.Epoch); w.Double(m.KnnTop1);
                break;
            case CheckpointWritten m:
                w.String(m.Path); w.Long(m.NextStep);
                break;
            case TrainingFinished m:
                w.Bool(m.Completed); w.String(m.Error);
                break;
            default:
                throw new SerializationException($"ActorSslSerializer cannot serialize {obj.GetType().FullName}: it is not an ActorSsl message");
        }
    }

    public override object FromBinary(byte[] bytes, string manifest)
    {
        var r = new WireReader(bytes, manifest);
        object result = manifest switch
        {
            "rl.1" => RequestLease.Instance,
            "rlb.1" => RequestLease.WithSampleBytes,
            "nml.1" => NoMoreLeases.Instance,
            "rp.1" => RegisterProducer.Instance,
            "gp.1" => GetProgress.Instance,
            "rro.1" => RequestRunOffer.Instance,
            "l.2" => ReadLease(ref r),
            "ro.1" => new RunOffer(r.String(), r.String(), r.String(), r.String(), ResolveRef(r.String()), ResolveRef(r.String())),
            "re.1" => new RunEnded(r.String()),
            "ch.1" => new ConsumerHead(r.Long()),
            "cr.1" => new Credit(r.Int()),
            "ac.1" => ReadChunk(ref r),
            "ec.1" => new EpochCompleted(r.Int(), r.Int(), r.Int(), r.Int(), r.Int()),
            "ss.1" => ReadSkipped(ref r),
            "ip.1" => new InboxProgress(r.Long(), r.Long(), r.Long(), r.Int(), r.Int(), r.Int()),
            "pr.1" => new RunProgress(r.Int(), r.Int(), r.Long(), r.Long(), r.Long(), r.Long(), r.Long(), r.Bool()),
            "sm.1" => new StepMetrics(r.Long(), r.Int(), r.Int(), r.Double(), r.Double(), r.Double(), r.Double()),
            "ee.1" => new EpochEvaluated(r.Int(), r.Double()),
            "cw.1" => new CheckpointWritten(r.String(), r.Long()),
            "tf.1" => new TrainingFinished(r.Bool(), r.String()),
            _ => throw new SerializationException($"Unknown ActorSsl message manifest '{manifest}': rejected (is the sender running another ActorSsl version?)"),
        };
        r.End();
        return result;
    }

    private IActorRef ResolveRef(string path) =>
        path.Length > 0 ? system.Provider.ResolveActorRef(path) : throw new SerializationException("ActorSsl message 'ro.1' is malformed: empty actor path");

    private static Lease ReadLease(ref WireReader r)
    {
        var (id, epoch, start, indices, more) = (r.Long(), r.Int(), r.Int(), r.Ints(), r.Bool());
        var count = r.Int();
        if (count != 0 && count != indices.Length)
            throw new SerializationException($"ActorSsl message 'l.2' is malformed: {count} payloads for {indices.Length} samples");
        var payloads = new SamplePayload[count];
        for (var i = 0; i < count; i++) payloads[i] = new SamplePayload(r.Bytes(), r.String());
        return new Lease(id, epoch, start, indices, payloads, more);
    }

    private static AugmentedChunk ReadChunk(ref WireReader r)
    {
        var chunk = new AugmentedChunk(r.Long(), r.Int(), r.Int(), r.Ints(), r.Ints(), r.Strings(), r.Int(), r.Int(), r.Int(), r.Bytes());
        if (chunk.SkippedOffsets.Length != chunk.SkipReasons.Length)
            throw new SerializationException("ActorSsl message 'ac.1' is malformed: skipped offsets and reasons differ in count");
        if (chunk.Views <= 0 || chunk.Channels <= 0 || chunk.Size <= 0 || (long)chunk.SampleBytes * chunk.Indices.Length != chunk.Pixels.Length)
            throw new SerializationException("ActorSsl message 'ac.1' is malformed: pixel payload does not match views × channels × size² × samples");
        return chunk;
    }

    private static SamplesSkipped ReadSkipped(ref WireReader r)
    {
        var skipped = new SamplesSkipped(r.Ints(), r.Strings());
        if (skipped.Indices.Length != skipped.Reasons.Length)
            throw new SerializationException("ActorSsl message 'ss.1' is malformed: indices and reasons differ in count");
        return skipped;
    }
}
