namespace Bourse.EngineHost.Topology;

/// <summary>How pinning a thread went.</summary>
/// <param name="Thread">The thread's name.</param>
/// <param name="Cpu">The CPU it was to be pinned to.</param>
/// <param name="Pinned">Whether it is.</param>
/// <param name="Error">Why not, or <see langword="null"/>.</param>
/// <param name="Affinity">The CPUs the thread may run on afterwards (empty where the platform cannot say).</param>
internal sealed record PinningResult(string Thread, int Cpu, bool Pinned, string? Error, IReadOnlyList<int> Affinity);
