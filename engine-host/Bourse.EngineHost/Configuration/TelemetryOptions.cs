using System.ComponentModel.DataAnnotations;

namespace Bourse.EngineHost.Configuration;

/// <summary>Where the host's OpenTelemetry metrics and traces go.</summary>
internal enum TelemetryExporter
{
    /// <summary>Nowhere: the instruments exist (a <c>dotnet-counters</c> or in-process listener still sees them), nothing is exported.</summary>
    None = 0,

    /// <summary>To standard output, for local runs.</summary>
    Console = 1,

    /// <summary>To an OpenTelemetry collector over OTLP (gRPC), as in production.</summary>
    Otlp = 2,
}

/// <summary>Section <c>EngineHost:Telemetry</c>: OpenTelemetry export of the host's metrics and traces.</summary>
internal sealed class TelemetryOptions
{
    /// <summary>The exporter.</summary>
    /// <value>The default value is <see cref="TelemetryExporter.None"/>.</value>
    public TelemetryExporter Exporter { get; set; } = TelemetryExporter.None;

    /// <summary>The collector's OTLP endpoint, under <see cref="TelemetryExporter.Otlp"/>.</summary>
    /// <value>The default value is <see langword="null"/>: the exporter's own default (<c>OTEL_EXPORTER_OTLP_ENDPOINT</c>, else http://localhost:4317).</value>
    public string? OtlpEndpoint { get; set; }

    /// <summary>How often metrics are exported.</summary>
    /// <value>The default value is 10,000 milliseconds.</value>
    [Range(100, 3_600_000, ErrorMessage = "must be between 100 and 3600000 milliseconds")]
    public int MetricIntervalMilliseconds { get; set; } = 10_000;

    /// <summary>The <c>service.name</c> resource attribute.</summary>
    /// <value>The default value is <c>bourse-engine</c>.</value>
    [Required(ErrorMessage = "is required")]
    public string ServiceName { get; set; } = "bourse-engine";
}
