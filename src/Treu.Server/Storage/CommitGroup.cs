namespace Treu.Server.Storage;

/// <summary>
/// Which writes may share a commit. Writes of one member always go to the same lane, so a batch never waits
/// for a member row another lane of this process holds; writes without a member (an enrolment) go anywhere.
/// </summary>
public readonly record struct CommitGroup(string Key)
{
    public static readonly CommitGroup Any = new("");

    public static CommitGroup ForMember(string memberId) => new(memberId);

    /// <summary>The keys the write keeps its answer under, for the batch to look up with those of its other writes (see <see cref="BatchReads"/>).</summary>
    public IReadOnlyList<AnswerKey> Answers { get; init; } = [];
}
