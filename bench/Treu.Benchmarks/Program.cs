using BenchmarkDotNet.Running;
using Treu.Benchmarks;

// dotnet run -c Release --project bench/Treu.Benchmarks -- --filter '*'
// --smoke evaluates once and checks the answer, for CI: no timing, just that the benchmark still runs.
if (args is ["--smoke"])
{
    var result = Treu.Domain.Rules.RuleEngine.Evaluate(RuleEvaluationBenchmark.RuleSet(200, new Random(42)), RuleEvaluationBenchmark.Basket(50, new Random(7)));
    Console.WriteLine($"200 rules, 50 lines: {result.Points} points, {result.Applied.Count()} rules applied");
    return result.Points > 0 ? 0 : 1;
}

BenchmarkSwitcher.FromAssembly(typeof(RuleEvaluationBenchmark).Assembly).Run(args);
return 0;
