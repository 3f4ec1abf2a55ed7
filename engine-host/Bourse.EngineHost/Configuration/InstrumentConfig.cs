using System.ComponentModel.DataAnnotations;
using Bourse.Engine.Matching;

namespace Bourse.EngineHost.Configuration;

/// <summary>
/// One instrument's trading rules, in integer price units and quantities (for CNY A-shares the price unit is 0.01 CNY
/// and the lot 100 shares). Becomes an <see cref="InstrumentSpec"/> through <see cref="ToInstrumentSpec"/>.
/// </summary>
internal sealed class InstrumentConfig
{
    /// <summary>The largest reference price for which the band computation (price × basis points) cannot overflow.</summary>
    public const long MaxReferencePrice = long.MaxValue / 10_000;

    /// <summary>The instrument's id, as order entry and the journal name it (e.g. 600519).</summary>
    /// <value>No default: 1 or more, unique.</value>
    [Range(1, int.MaxValue, ErrorMessage = "must be 1 or more")]
    public int Id { get; set; }

    /// <summary>The instrument's symbol for people and logs (e.g. <c>600519.SH</c>).</summary>
    /// <value>No default: not empty, unique.</value>
    [Required(ErrorMessage = "is required")]
    public string Symbol { get; set; } = string.Empty;

    /// <summary>Prices must be multiples of this many price units.</summary>
    /// <value>The default value is 1.</value>
    [Range(typeof(long), "1", "9223372036854775807", ErrorMessage = "must be 1 or more")]
    public long TickSize { get; set; } = 1;

    /// <summary>Quantities must be multiples of this.</summary>
    /// <value>The default value is 1.</value>
    [Range(typeof(long), "1", "9223372036854775807", ErrorMessage = "must be 1 or more")]
    public long LotSize { get; set; } = 1;

    /// <summary>The price the band is centred on (for A-shares, the previous close), in price units; a multiple of
    /// <see cref="TickSize"/>.</summary>
    /// <value>The default value is 0 (no reference price, so no band).</value>
    [Range(typeof(long), "0", "922337203685477", ErrorMessage = "must be from 0 to 922337203685477")]
    public long ReferencePrice { get; set; }

    /// <summary>The band's half width in basis points of <see cref="ReferencePrice"/> (1000 = ±10 %, the A-share
    /// main-board daily limit); 0 means no band. A band needs a reference price.</summary>
    /// <value>The default value is 0 (no band).</value>
    [Range(0, 10_000, ErrorMessage = "must be from 0 to 10000 (0 = no band)")]
    public int BandBasisPoints { get; set; }

    /// <summary>The engine's view of these rules.</summary>
    public InstrumentSpec ToInstrumentSpec() => new(Id, TickSize, LotSize, ReferencePrice, BandBasisPoints);
}
