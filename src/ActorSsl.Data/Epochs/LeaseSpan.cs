namespace ActorSsl.Data.Epochs;

/// <summary>A lease: positions [Start, Start+Count) of one epoch, handed to one augmentation worker.</summary>
public readonly record struct LeaseSpan(long LeaseId, int Epoch, int Start, int Count)
{
    public int End => Start + Count;
}
