namespace Treu.Domain.Rules;

/// <summary>Where the points of an evaluation land: exact shares per line, plus a basket-wide share spread by eligible amount at the end.</summary>
internal sealed class PointShares(int lines)
{
    private readonly double[] _lines = new double[lines];
    private double _basket;

    public void Add(RuleResult result)
    {
        _basket += result.BasketShare;
        AddToLines(result.LineShares);
    }

    public void AddToLines(double[]? shares)
    {
        if (shares is null)
        {
            return;
        }

        for (var i = 0; i < _lines.Length; i++)
        {
            _lines[i] += shares[i];
        }
    }

    /// <summary>Each line's share of the points so far, the basket-wide share spread by the lines' <paramref name="share"/> of the eligible amount.</summary>
    public double[] ByLine(double[] share)
    {
        var byLine = new double[_lines.Length];
        for (var i = 0; i < byLine.Length; i++)
        {
            byLine[i] = _lines[i] + _basket * share[i];
        }

        return byLine;
    }
}
