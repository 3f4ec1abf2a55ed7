namespace Bourse.Engine.Journal;

/// <summary>The outcome of <see cref="SnapshotStore.LoadNewest"/>.</summary>
/// <param name="Snapshot">The newest valid snapshot, or null if there is none.</param>
/// <param name="Path">Its file, or null.</param>
/// <param name="Skipped">Newer snapshot files that were damaged, newest first.</param>
public sealed record SnapshotLoadResult(BookSnapshot? Snapshot, string? Path, IReadOnlyList<SkippedSnapshot> Skipped);
