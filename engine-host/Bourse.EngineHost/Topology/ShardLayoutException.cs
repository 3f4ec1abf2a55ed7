namespace Bourse.EngineHost.Topology;

/// <summary>A shard layout that this machine refuses; <see cref="Problems"/> names the shards, CPUs and nodes.</summary>
internal sealed class ShardLayoutException : Exception
{
    public ShardLayoutException()
    {
        Problems = [];
    }

    public ShardLayoutException(string message)
        : base(message)
    {
        Problems = [];
    }

    public ShardLayoutException(string message, Exception innerException)
        : base(message, innerException)
    {
        Problems = [];
    }

    public ShardLayoutException(ShardLayout layout)
        : base(Describe(layout))
    {
        Problems = layout.Problems;
    }

    public IReadOnlyList<ShardLayoutProblem> Problems { get; }

    private static string Describe(ShardLayout layout)
    {
        ArgumentNullException.ThrowIfNull(layout);
        return "the shard layout is refused:" + string.Concat(layout.Problems.Select(p => $"{Environment.NewLine}  - {p.Message}"));
    }
}
