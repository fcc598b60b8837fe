namespace ActorSsl.Benchmarks;

/// <summary>
/// What every benchmark method of a class returns: an array of <see cref="OutputLength"/> elements (a view) or that
/// count (bytes decoded). Lets BenchmarkSmokeTests check each benchmark's output without knowing the class.
/// </summary>
public interface IBenchmarkOutput
{
    /// <summary>Elements of the returned array, or the returned count, with the current parameters.</summary>
    int OutputLength { get; }
}
