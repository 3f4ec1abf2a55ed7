namespace Bourse.Engine.Tests.Pipeline;

/// <summary>
/// The tests that start producer and consumer threads run one at a time: a spinning consumer wants a core of its own,
/// and the machine may have only two.
/// </summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class PipelineThreads
{
    public const string Name = "Pipeline threads";
}
