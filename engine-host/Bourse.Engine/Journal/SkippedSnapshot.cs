namespace Bourse.Engine.Journal;

/// <summary>A snapshot file that <see cref="SnapshotStore.LoadNewest"/> passed over, and why.</summary>
public sealed record SkippedSnapshot(string Path, string Reason);
