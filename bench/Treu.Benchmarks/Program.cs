using BenchmarkDotNet.Running;
using Treu.Benchmarks;

// dotnet run -c Release --project bench/Treu.Benchmarks -- --filter '*'
// --smoke evaluates once and checks the answer, for CI: no timing, just that the benchmark still runs.
if (args is ["--smoke"])
{
    var book = Treu.Domain.Rules.RuleBook.Compile(RuleEvaluationBenchmark.RuleSet(200, new Random(42)));
    var upper = Treu.Domain.Rules.RuleEngine.Evaluate(book, RuleEvaluationBenchmark.Basket(50, new Random(7)));
    var typical = Treu.Domain.Rules.RuleEngine.Evaluate(book, RuleEvaluationBenchmark.TypicalBasket(50, new Random(7)));
    Console.WriteLine($"200 rules, 50 lines: upper bound {upper.Points} points from {upper.Applied.Count()} rules; "
        + $"typical {typical.Points} points from {typical.Applied.Count()} rules");
    return upper.Points > 0 && typical.Points > 0 ? 0 : 1;
}

BenchmarkSwitcher.FromAssembly(typeof(RuleEvaluationBenchmark).Assembly).Run(args);
return 0;
