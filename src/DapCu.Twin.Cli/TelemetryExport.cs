using System.CommandLine;
using DapCu.Twin.Grains.Telemetry;
using OpenTelemetry;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;
using OpenTelemetry.Trace;

namespace DapCu.Twin.Cli;

/// <summary>`--otlp &lt;endpoint&gt;` (any command; or the standard OTEL_EXPORTER_OTLP_ENDPOINT variable):
/// exports the twin's metrics and traces over OTLP to a collector, Prometheus or Grafana stack.</summary>
public static class TelemetryExport
{
    public static readonly Option<string?> Otlp = new("--otlp")
    {
        Description = "export metrics and traces over OTLP to this endpoint (e.g. http://localhost:4317)",
        Recursive = true,
    };

    /// <summary>Starts the exporters when asked for; dispose to flush them.</summary>
    public static IDisposable? Start(ParseResult parse)
    {
        var text = parse.GetValue(Otlp) ?? Environment.GetEnvironmentVariable("OTEL_EXPORTER_OTLP_ENDPOINT");
        if (string.IsNullOrEmpty(text)) return null;
        if (!Uri.TryCreate(text, UriKind.Absolute, out var endpoint) || endpoint.Scheme is not ("http" or "https"))
        {
            Console.Error.WriteLine($"dapcu: --otlp '{text}': expected an http(s) endpoint such as http://localhost:4317; telemetry export is off");
            return null;
        }
        // Port 4318 is OTLP over HTTP/protobuf (signal paths appended); anything else is gRPC (4317).
        var http = endpoint.Port == 4318;
        Uri For(string signal) => http ? new Uri(endpoint, $"/v1/{signal}") : endpoint;
        var protocol = http ? OpenTelemetry.Exporter.OtlpExportProtocol.HttpProtobuf : OpenTelemetry.Exporter.OtlpExportProtocol.Grpc;
        var resource = ResourceBuilder.CreateDefault().AddService("dapcu");
        var meters = Sdk.CreateMeterProviderBuilder().SetResourceBuilder(resource).AddMeter(TwinTelemetry.Name)
            .AddOtlpExporter((o, reader) =>
            {
                (o.Endpoint, o.Protocol) = (For("metrics"), protocol);
                reader.PeriodicExportingMetricReaderOptions.ExportIntervalMilliseconds = 5000;
            })
            .Build();
        var traces = Sdk.CreateTracerProviderBuilder().SetResourceBuilder(resource).AddSource(TwinTelemetry.Name)
            .AddOtlpExporter(o => (o.Endpoint, o.Protocol) = (For("traces"), protocol)).Build();
        return new Both(meters, traces);
    }

    private sealed class Both(IDisposable a, IDisposable b) : IDisposable
    {
        public void Dispose() { a.Dispose(); b.Dispose(); }
    }
}
