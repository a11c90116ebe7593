namespace Treu.Domain.Common;

/// <summary>Success with a value, or a named failure. Domain operations return these instead of throwing.</summary>
public readonly struct Result<T>
{
    private readonly T? _value;

    private Result(T? value, Failure? failure)
    {
        _value = value;
        Failure = failure;
    }

    public Failure? Failure { get; }

    public bool Succeeded => Failure is null;

    public T Value => Failure is null ? _value! : throw new InvalidOperationException($"No value: {Failure.Code}");

    public static implicit operator Result<T>(T value) => new(value, null);

    public static implicit operator Result<T>(Failure failure) => new(default, failure);
}
