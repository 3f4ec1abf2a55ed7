namespace Bourse.Engine.Pipeline;

/// <summary>The cache-line sizes the padded pipeline types are laid out for.</summary>
/// <remarks>
/// x64 and the ARM64 server parts the engine runs on have 64-byte lines. Managed fields are only 8-byte aligned, so a
/// 64-byte line that holds an 8-byte value can start up to 56 bytes before it and end up to 56 bytes after it:
/// <see cref="Padding"/> bytes on each side are exactly enough to keep every other writer off the value's line.
/// The adjacent-line prefetcher (which pulls lines in 128-byte pairs) is not padded against: that would take 64 more
/// bytes per side and has no benchmark here to justify it.
/// </remarks>
internal static class CacheLine
{
    /// <summary>Bytes in one cache line.</summary>
    public const int Size = 64;

    /// <summary>Bytes of padding on each side of a hot 8-byte value: <see cref="Size"/> minus the value itself.</summary>
    public const int Padding = Size - sizeof(long);
}
