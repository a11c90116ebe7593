namespace Treu.Domain.Rules;

/// <summary>What a basket may earn on: each line's eligible amount (never below zero), their total, and the items.</summary>
internal sealed class EligibleBasket
{
    public EligibleBasket(IReadOnlyList<EarnLine> lines)
    {
        var n = lines.Count;
        Lines = lines;
        Eligible = new decimal[n];
        for (var i = 0; i < n; i++)
        {
            Eligible[i] = Math.Max(lines[i].EligibleAmount, 0);
            EligibleTotal += Eligible[i];
            Items += lines[i].Quantity;
        }

        // Each line's share of the eligible amount, once, in doubles: used only to split points, never to count them.
        Share = new double[n];
        for (var i = 0; i < n; i++)
        {
            Share[i] = EligibleTotal > 0 ? (double)Eligible[i] / (double)EligibleTotal : 0;
        }
    }

    public IReadOnlyList<EarnLine> Lines { get; }

    public decimal[] Eligible { get; }

    public decimal EligibleTotal { get; }

    public decimal Items { get; }

    public double[] Share { get; }
}
