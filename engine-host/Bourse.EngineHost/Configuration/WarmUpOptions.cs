using System.ComponentModel.DataAnnotations;

namespace Bourse.EngineHost.Configuration;

/// <summary>
/// Section <c>EngineHost:WarmUp</c>: orders sent through order entry's whole path on a throwaway host before the real
/// one opens (<see cref="Hosting.EngineHostWarmUp"/>), so that the first real orders find the code compiled and tiered.
/// </summary>
internal sealed class WarmUpOptions
{
    /// <summary>
    /// How many orders the warm-up sends; 0 skips it. The runtime compiles each method when first called and recompiles
    /// the hot ones, with their profile, only after many calls: measured here, a fresh host needs about 1.5 million
    /// orders (five passes of 300,000) before its round trips settle.
    /// </summary>
    /// <value>The default value is 0 (no warm-up: tests and local runs start at once).</value>
    [Range(0, 100_000_000, ErrorMessage = "must be between 0 and 100000000")]
    public int Orders { get; set; }
}
