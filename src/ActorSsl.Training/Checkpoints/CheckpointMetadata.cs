using System.Text.Json;
using System.Text.Json.Serialization;
using ActorSsl.Training.Loop;

namespace ActorSsl.Training.Checkpoints;

/// <summary>The JSON block of a checkpoint: what run it belongs to and where it stands.</summary>
public sealed record CheckpointMetadata
{
    [JsonPropertyName("format")] public int Format { get; init; } = 1;
    [JsonPropertyName("method")] public string Method { get; init; } = "";
    [JsonPropertyName("backbone")] public string Backbone { get; init; } = "";
    [JsonPropertyName("widths")] public int[] Widths { get; init; } = Array.Empty<int>();
    [JsonPropertyName("in_channels")] public int InChannels { get; init; }
    [JsonPropertyName("seed")] public ulong Seed { get; init; }
    [JsonPropertyName("next_step")] public long NextStep { get; init; }
    [JsonPropertyName("steps_per_epoch")] public int StepsPerEpoch { get; init; }
    [JsonPropertyName("total_steps")] public long TotalSteps { get; init; }
    /// <summary>Epochs completed when the checkpoint was written.</summary>
    [JsonIgnore] public int Epoch => StepsPerEpoch > 0 ? (int)(NextStep / StepsPerEpoch) : 0;
    [JsonPropertyName("queue_pointer")] public long QueuePointer { get; init; }
    [JsonPropertyName("extra")] public Dictionary<string, JsonElement> Extra { get; init; } = new();

    /// <summary>Resuming must continue the same run: model, seed and data layout have to match.</summary>
    public void CheckCompatible(TrainingOptions options, string path)
    {
        void Require(bool ok, string what, object saved, object now)
        {
            if (!ok) throw new InvalidDataException($"{path}: checkpoint {what} is {saved}, this run has {now}: resume with the configuration the run started with.");
        }
        if (Method != options.Method)
            throw new InvalidDataException($"{path}: checkpoint was written by method '{Method}', this run trains '{options.Method}': a checkpoint " +
                                           $"resumes only the method that wrote it (set actorssl.train.method, or --method, to '{Method}').");
        Require(Backbone == options.Backbone, "backbone", Backbone, options.Backbone);
        Require(Widths.SequenceEqual(options.Widths), "widths", string.Join(",", Widths), string.Join(",", options.Widths));
        Require(InChannels == options.InChannels, "input channels", InChannels, options.InChannels);
        Require(Seed == options.Seed, "seed", Seed, options.Seed);
        Require(StepsPerEpoch == options.StepsPerEpoch, "steps per epoch", StepsPerEpoch, options.StepsPerEpoch);
        Require(TotalSteps == options.TotalSteps, "total steps", TotalSteps, options.TotalSteps);
    }
}
