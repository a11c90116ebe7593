namespace Treu.Server.Hosting;

/// <summary>How <see cref="IdempotentWrites"/> makes a kept answer of a given status.</summary>
public interface IKept<TSelf> where TSelf : KeptAnswer, IKept<TSelf>
{
    static abstract int Status { get; }

    static abstract TSelf From(string body, bool replayed);
}
