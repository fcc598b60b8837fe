using ActorSsl.Benchmarks;
using BenchmarkDotNet.Running;

// dotnet run -c Release --project tests/ActorSsl.Benchmarks -- --filter '*'   (or --list flat, --filter '*Decoder*', --job short)
BenchmarkSwitcher.FromAssembly(typeof(DecoderBenchmarks).Assembly).Run(args);
