using System.Reflection;
using ActorSsl.Benchmarks;
using BenchmarkDotNet.Attributes;

namespace ActorSsl.Imaging.Tests.Benchmarks;

/// <summary>
/// Every BenchmarkDotNet benchmark in tests/ActorSsl.Benchmarks, for every [Params] value, set up and invoked once
/// (no timing): the benchmarks keep compiling and keep doing the work they claim, on outputs of the right length.
/// </summary>
public class BenchmarkSmokeTests
{
    private static readonly Assembly Benchmarks = typeof(IBenchmarkOutput).Assembly;

    public static TheoryData<string> BenchmarkClasses()
    {
        var data = new TheoryData<string>();
        foreach (var type in Benchmarks.GetTypes().Where(t => BenchmarkMethods(t).Any()).OrderBy(t => t.FullName)) data.Add(type.FullName!);
        return data;
    }

    [Fact]
    public void Every_op_the_views_and_both_decoders_have_a_benchmark()
    {
        var names = Benchmarks.GetTypes().SelectMany(BenchmarkMethods).Select(m => $"{m.DeclaringType!.Name}.{m.Name}").ToHashSet();
        string[] expected =
        [
            "AugmentationOpBenchmarks.RandomResizedCrop", "AugmentationOpBenchmarks.ColorJitter", "AugmentationOpBenchmarks.GaussianBlur",
            "AugmentationOpBenchmarks.Grayscale", "AugmentationOpBenchmarks.HorizontalFlip", "AugmentationOpBenchmarks.Solarize",
            "ViewPipelineBenchmarks.Render", "DecoderBenchmarks.DecodeJpeg", "DecoderBenchmarks.DecodePng",
        ];
        Assert.All(expected, name => Assert.Contains(name, names));
    }

    [Theory]
    [MemberData(nameof(BenchmarkClasses))]
    public void Every_benchmark_runs_once_with_output_of_the_right_length(string typeName)
    {
        var type = Benchmarks.GetType(typeName, throwOnError: true)!;
        Assert.True(typeof(IBenchmarkOutput).IsAssignableFrom(type), $"{type.Name} must say what its benchmarks return (IBenchmarkOutput)");
        foreach (var parameters in ParameterCombinations(type))
        {
            var instance = (IBenchmarkOutput)Activator.CreateInstance(type)!;
            foreach (var (property, value) in parameters) property.SetValue(instance, value);
            var label = $"{type.Name}({string.Join(", ", parameters.Select(p => $"{p.Property.Name}={p.Value}"))})";
            Invoke<GlobalSetupAttribute>(type, instance);
            try
            {
                foreach (var method in BenchmarkMethods(type))
                {
                    // Twice: a benchmark must survive being repeated (BenchmarkDotNet calls it millions of times).
                    method.Invoke(instance, null);
                    AssertSane(method.Invoke(instance, null), instance.OutputLength, $"{label}.{method.Name}");
                }
            }
            finally
            {
                Invoke<GlobalCleanupAttribute>(type, instance);
            }
        }
    }

    private static void AssertSane(object? result, int length, string benchmark)
    {
        Assert.True(length > 0, $"{benchmark}: output length {length}");
        switch (result)
        {
            case float[] view:
                Assert.True(view.Length == length, $"{benchmark}: {view.Length} floats, expected {length}");
                Assert.True(view.All(v => v is >= 0f and <= 1f), $"{benchmark}: a value outside [0, 1]");
                Assert.True(view.Distinct().Count() > 1, $"{benchmark}: a flat view");
                break;
            case byte[] view:
                Assert.True(view.Length == length, $"{benchmark}: {view.Length} bytes, expected {length}");
                Assert.True(view.Distinct().Count() > 1, $"{benchmark}: a flat view");
                break;
            case int count:
                Assert.True(count == length, $"{benchmark}: returned {count}, expected {length}");
                break;
            default:
                Assert.Fail($"{benchmark} returned {result?.GetType().Name ?? "null"}; benchmarks return their view or the bytes decoded");
                break;
        }
    }

    private static IEnumerable<MethodInfo> BenchmarkMethods(Type type) =>
        type.GetMethods(BindingFlags.Public | BindingFlags.Instance | BindingFlags.DeclaredOnly).Where(m => m.GetCustomAttribute<BenchmarkAttribute>() != null);

    private static void Invoke<TAttribute>(Type type, object instance) where TAttribute : Attribute
    {
        foreach (var method in type.GetMethods(BindingFlags.Public | BindingFlags.Instance).Where(m => m.GetCustomAttribute<TAttribute>() != null))
            method.Invoke(instance, null);
    }

    /// <summary>The cartesian product of every [Params] property's values (one empty combination when there are none).</summary>
    private static List<List<(PropertyInfo Property, object? Value)>> ParameterCombinations(Type type)
    {
        var combinations = new List<List<(PropertyInfo, object?)>> { new() };
        foreach (var property in type.GetProperties().Where(p => p.GetCustomAttribute<ParamsAttribute>() != null))
        {
            var values = property.GetCustomAttribute<ParamsAttribute>()!.Values;
            combinations = combinations.SelectMany(c => values.Select(v => new List<(PropertyInfo, object?)>(c) { (property, v) })).ToList();
        }
        return combinations;
    }
}
