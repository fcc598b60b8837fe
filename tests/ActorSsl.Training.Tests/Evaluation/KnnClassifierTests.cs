using ActorSsl.Training.Evaluation;
using TorchSharp;
using static TorchSharp.torch;

namespace ActorSsl.Training.Tests.Evaluation;

public sealed class KnnClassifierTests
{
    public KnnClassifierTests() => TorchRuntime.EnsureAvailable();

    // Six unit vectors in 2-D, given by their angle; class 0 = A, class 1 = B.
    //   A @ 0°, B @ +60°, B @ -60°, A @ 180°, B @ 150°, A @ 120°
    private static readonly double[] TrainAngles = [0, 60, -60, 180, 150, 120];
    private static readonly long[] TrainClasses = [0, 1, 1, 0, 1, 0];

    // Queries (k = 3):
    //  q1 @ 0°:   neighbours A 1.0, B 0.5, B 0.5.
    //             T = 0.1: A = e^10 = 22026.5;  B = 2·e^5 = 296.8        -> A  (majority says B)
    //  q2 @ 180°: neighbours A 1.0, B cos30 = 0.866, A cos60 = 0.5.
    //             T = 0.1: A = e^10 + e^5 = 22174.9;  B = e^8.66 = 5768.  -> A  (majority A)
    //  q3 @ 150°: neighbours B 1.0, A 0.866 (@180), A 0.866 (@120).
    //             T = 0.1: B = e^10 = 22026.5;  A = 2·e^8.66 = 11536     -> B  (majority says A)
    // With T = 100 every weight is ≈ 1 (e^0.01 = 1.010 vs 2·e^0.005 = 2.010), i.e. a plain majority vote.
    // Truth [A, B, B]: weighted predictions [A, A, B] score 2/3, majority predictions [B, A, A] score 0.
    private static readonly double[] QueryAngles = [0, 180, 150];
    private static readonly long[] QueryTruth = [0, 1, 1];

    [Fact]
    public void Weighted_vote_matches_the_hand_computed_example()
    {
        using var scope = NewDisposeScope();
        var (train, labels, queries, truth) = Example();

        var predictions = KnnClassifier.Predict(train, labels, queries, numClasses: 2, k: 3, temperature: 0.1);
        var top1 = KnnClassifier.Top1(train, labels, queries, truth, numClasses: 2, k: 3, temperature: 0.1);

        Assert.Equal(new long[] { 0, 0, 1 }, predictions.data<long>().ToArray());
        Assert.Equal(200.0 / 3, top1, 9);
    }

    [Fact]
    public void A_high_temperature_turns_it_into_a_majority_vote_that_differs()
    {
        using var scope = NewDisposeScope();
        var (train, labels, queries, truth) = Example();

        var predictions = KnnClassifier.Predict(train, labels, queries, numClasses: 2, k: 3, temperature: 100);
        var top1 = KnnClassifier.Top1(train, labels, queries, truth, numClasses: 2, k: 3, temperature: 100);

        Assert.Equal(new long[] { 1, 0, 0 }, predictions.data<long>().ToArray());
        Assert.Equal(0.0, top1, 9);
    }

    [Fact]
    public void k_of_1_is_the_nearest_neighbour_and_k_above_Ntrain_uses_all_rows()
    {
        using var scope = NewDisposeScope();
        var (train, labels, queries, _) = Example();

        var nearest = KnnClassifier.Predict(train, labels, queries, numClasses: 2, k: 1, temperature: 0.1);
        // k = 1000 > 6: all rows vote; the far rows add little.
        // q1: A = e^10 + e^-10 + e^-5, B = 2e^5 + e^-8.66 -> A.  q2: A = e^10 + e^5 + e^-10, B = e^8.66 + 2e^-5 -> A.
        // q3: B = e^10 + e^0 + e^-8.66, A = 2e^8.66 + e^-8.66 -> B.
        var all = KnnClassifier.Predict(train, labels, queries, numClasses: 2, k: 1000, temperature: 0.1);

        Assert.Equal(new long[] { 0, 0, 1 }, nearest.data<long>().ToArray());
        Assert.Equal(new long[] { 0, 0, 1 }, all.data<long>().ToArray());
    }

    [Fact]
    public void Chunking_does_not_change_the_predictions()
    {
        using var scope = NewDisposeScope();
        var g = new Generator(7, CPU);
        var train = nn.functional.normalize(randn(300, 8, generator: g));
        var labels = randint(0, 5, [300], ScalarType.Int64, generator: g);
        var test = nn.functional.normalize(randn(37, 8, generator: g));

        var whole = KnnClassifier.Predict(train, labels, test, numClasses: 5, k: 20, chunkSize: 256);
        var byThree = KnnClassifier.Predict(train, labels, test, numClasses: 5, k: 20, chunkSize: 3);

        Assert.True(whole.eq(byThree).all().item<bool>());
        Assert.Equal(new long[] { 37 }, whole.shape);
    }

    [Fact]
    public void Rejects_labels_outside_the_class_range()
    {
        using var scope = NewDisposeScope();
        var (train, labels, queries, _) = Example();
        Assert.Throws<ArgumentException>(() => KnnClassifier.Predict(train, labels, queries, numClasses: 1, k: 3));
        Assert.Throws<ArgumentOutOfRangeException>(() => KnnClassifier.Predict(train, labels, queries, numClasses: 2, k: 3, temperature: 0));
    }

    private static (Tensor Train, Tensor Labels, Tensor Queries, Tensor Truth) Example() =>
        (UnitVectors(TrainAngles), tensor(TrainClasses), UnitVectors(QueryAngles), tensor(QueryTruth));

    private static Tensor UnitVectors(double[] degrees)
    {
        var xy = degrees.SelectMany(d => new[] { (float)Math.Cos(d * Math.PI / 180), (float)Math.Sin(d * Math.PI / 180) }).ToArray();
        return tensor(xy, [degrees.Length, 2]);
    }
}
