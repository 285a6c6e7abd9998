using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Jobs;
using BenchmarkDotNet.Running;
using BenchmarkDotNet.Toolchains.InProcess.Emit;

// In-process by default: no generated project to restore or build, so it runs wherever this project builds.
// Pass BenchmarkDotNet's own options after `--`, e.g. `--filter '*Signature*'`.
var config = DefaultConfig.Instance.AddJob(Job.ShortRun.WithToolchain(InProcessEmitToolchain.Instance).AsDefault());
BenchmarkSwitcher.FromAssembly(typeof(CourseComments.Benchmarks.SignatureBenchmarks).Assembly).Run(args, config);
