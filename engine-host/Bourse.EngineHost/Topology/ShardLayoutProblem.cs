namespace Bourse.EngineHost.Topology;

/// <summary>One reason a shard layout is refused.</summary>
/// <param name="Kind">What kind of problem.</param>
/// <param name="Shards">The shards it is about.</param>
/// <param name="Message">For people: the shards, their CPUs and nodes, and what to change.</param>
internal sealed record ShardLayoutProblem(ShardLayoutProblemKind Kind, IReadOnlyList<string> Shards, string Message);
