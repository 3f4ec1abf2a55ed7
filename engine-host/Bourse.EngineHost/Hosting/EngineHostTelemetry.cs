using Bourse.EngineHost.Configuration;
using Bourse.EngineHost.Publishing;
using Bourse.EngineHost.Sharding;
using Bourse.EngineHost.Topology;
using OpenTelemetry;
using OpenTelemetry.Exporter;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;
using OpenTelemetry.Trace;

namespace Bourse.EngineHost.Hosting;

/// <summary>
/// The engine host's OpenTelemetry: which meters and sources it exports, and where to, by configuration.
/// </summary>
/// <remarks>
/// Metrics: the shards (commands, ring depth, match and commit latency), publishing, pinning, Kestrel and ASP.NET Core
/// (connections, requests), and the runtime (GC pauses, allocation, thread pool: what the matching threads feel).
/// Traces: each order-entry call (ASP.NET Core) and publishing; an order's trace context travels on with its command
/// into the execution reports and the published events.
/// </remarks>
internal static class EngineHostTelemetry
{
    /// <summary>The meters the host exports.</summary>
    public static IReadOnlyList<string> Meters { get; } =
    [
        ShardMetrics.MeterName,
        PublishingTelemetry.MeterName,
        PinningMetrics.MeterName,
        "Microsoft.AspNetCore.Hosting",
        "Microsoft.AspNetCore.Server.Kestrel",
    ];

    /// <summary>The host's instruments and resource, with no exporter: <paramref name="export"/> adds them.</summary>
    public static void Configure(IOpenTelemetryBuilder builder, string serviceName, Action<IOpenTelemetryBuilder> export)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentNullException.ThrowIfNull(export);
        builder
            .ConfigureResource(resource => resource.AddService(serviceName))
            .WithMetrics(metrics => metrics.AddMeter([.. Meters]).AddRuntimeInstrumentation())
            .WithTracing(tracing => tracing.AddSource(PublishingTelemetry.ActivitySourceName).AddAspNetCoreInstrumentation());
        export(builder);
    }

    /// <summary>The exporter that the configuration asks for.</summary>
    public static Action<IOpenTelemetryBuilder> FromOptions(TelemetryOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        return builder =>
        {
            switch (options.Exporter)
            {
                case TelemetryExporter.Console:
                    builder.WithMetrics(m => m.AddConsoleExporter((_, reader) => reader.PeriodicExportingMetricReaderOptions.ExportIntervalMilliseconds = options.MetricIntervalMilliseconds))
                        .WithTracing(t => t.AddConsoleExporter());
                    break;
                case TelemetryExporter.Otlp:
                    builder.WithMetrics(m => m.AddOtlpExporter((otlp, reader) =>
                        {
                            Endpoint(otlp);
                            reader.PeriodicExportingMetricReaderOptions.ExportIntervalMilliseconds = options.MetricIntervalMilliseconds;
                        }))
                        .WithTracing(t => t.AddOtlpExporter(Endpoint));
                    break;
                default:
                    break;
            }
        };

        void Endpoint(OtlpExporterOptions otlp)
        {
            if (options.OtlpEndpoint is { Length: > 0 } endpoint)
            {
                otlp.Endpoint = new Uri(endpoint);
            }
        }
    }
}
