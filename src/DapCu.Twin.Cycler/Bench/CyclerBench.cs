using System.Diagnostics;
using System.Net.Sockets;
using System.Text;

namespace DapCu.Twin.Cycler.Bench;

/// <summary>Outcome of a fuzz run.</summary>
public sealed record FuzzReport(long Lines, int Channels, int DroppedConnections, long ErrorsReported, double Seconds)
{
    public double LinesPerSecond => Lines / Seconds;
    public override string ToString() =>
        $"fuzz: {Lines:N0} lines over {Channels} channel(s) in {Seconds:F1} s ({LinesPerSecond:N0}/s), " +
        $"{DroppedConnections} dropped connection(s), {ErrorsReported:N0} errors read back through :SYST:ERR?";
}

/// <summary>Round-trip latency of :READ?.</summary>
public sealed record LatencyReport(int Channels, double PollHz, long Samples, double P50_ms, double P99_ms, double Max_ms, long Late)
{
    public override string ToString() =>
        $":READ? round trip, {Channels} channel(s) at {PollHz:G} Hz: p50 {P50_ms:F3} ms, p99 {P99_ms:F3} ms, max {Max_ms:F3} ms ({Samples:N0} samples)";
}

/// <summary>
/// Benchmarks of the emulator's network side, run against ports of a running emulator (the lead's
/// <c>dapcu bench</c> starts one and prints the reports).
/// </summary>
public static class CyclerBench
{
    /// <summary>Sends <paramref name="lines"/> fuzz lines spread over the channels (one connection each), each
    /// followed by a marker query so replies stay aligned; drains :SYST:ERR? every 50 lines. A connection that
    /// closes counts as dropped (and is reopened).</summary>
    public static async Task<FuzzReport> FuzzAsync(IReadOnlyList<int> ports, long lines, int seed, CancellationToken ct = default)
    {
        var sw = Stopwatch.StartNew();
        long perChannel = lines / ports.Count, extra = lines % ports.Count;
        var tasks = ports.Select((port, i) => FuzzChannelAsync(port, perChannel + (i < extra ? 1 : 0), seed + i, ct)).ToArray();
        var results = await Task.WhenAll(tasks);
        return new FuzzReport(lines, ports.Count, results.Sum(r => r.Dropped), results.Sum(r => r.Errors), sw.Elapsed.TotalSeconds);
    }

    private const string Marker = "*IDN?";

    private static async Task<(int Dropped, long Errors)> FuzzChannelAsync(int port, long lines, int seed, CancellationToken ct)
    {
        var fuzzer = new ScpiFuzzer(seed);
        int dropped = 0;
        long errors = 0;
        var conn = new Connection(port);
        try
        {
            for (long i = 0; i < lines; i++)
            {
                ct.ThrowIfCancellationRequested();
                // Fuzz line, then a marker query: read up to the marker's reply, whatever the fuzz line answered.
                if (!await conn.SendAsync(fuzzer.Next() + "\n" + Marker + "\n") || !await conn.SkipToAsync("KEITHLEY"))
                {
                    dropped++;
                    conn.Dispose();
                    conn = new Connection(port);
                    continue;
                }
                if (i % 50 == 49)
                {
                    for (int k = 0; k < 20; k++)
                    {
                        if (!await conn.SendAsync(":SYST:ERR?\n")) { dropped++; break; }
                        var reply = await conn.ReadLineAsync();
                        if (reply is null) { dropped++; break; }
                        if (reply.StartsWith("0,", StringComparison.Ordinal)) break;
                        if (reply.StartsWith('-') || char.IsAsciiDigit(reply[0])) errors++;
                    }
                }
            }
        }
        finally { conn.Dispose(); }
        return (dropped, errors);
    }

    /// <summary>Polls :READ? on every channel at <paramref name="pollHz"/> for <paramref name="duration"/>,
    /// recording each round trip.</summary>
    public static async Task<LatencyReport> ReadLatencyAsync(IReadOnlyList<int> ports, double pollHz, TimeSpan duration, CancellationToken ct = default)
    {
        var samples = new List<double>[ports.Count];
        long late = 0;
        var tasks = ports.Select((port, i) => Task.Run(async () =>
        {
            using var conn = new Connection(port);
            // Set up, and one untimed reading: activation of the channel is not part of the round trip.
            await conn.SendAsync(":FORM:ELEM VOLT,CURR,TIME;:SENS:VOLT:NPLC 0.01;:SENS:CURR:NPLC 0.01;:OUTP ON\n:READ?\n");
            if (await conn.ReadLineAsync() is null) throw new IOException($"port {port} closed during set-up");
            var mine = samples[i] = new List<double>();
            var period = TimeSpan.FromSeconds(1 / pollHz);
            var start = Stopwatch.GetTimestamp();
            // Stagger channels over one period so they don't all poll at the same instant.
            var next = TimeSpan.FromTicks(period.Ticks * i / ports.Count);
            while (Stopwatch.GetElapsedTime(start) < duration && !ct.IsCancellationRequested)
            {
                var wait = next - Stopwatch.GetElapsedTime(start);
                if (wait > TimeSpan.Zero) await Task.Delay(wait, ct);
                else Interlocked.Increment(ref late);
                var t0 = Stopwatch.GetTimestamp();
                if (!await conn.SendAsync(":READ?\n") || await conn.ReadLineAsync() is null) throw new IOException($"port {port} closed during the latency run");
                mine.Add(Stopwatch.GetElapsedTime(t0).TotalMilliseconds);
                next += period;
            }
        }, ct)).ToArray();
        await Task.WhenAll(tasks);
        var all = samples.SelectMany(s => s).Order().ToArray();
        double P(double q) => all.Length == 0 ? double.NaN : all[Math.Min(all.Length - 1, (int)Math.Ceiling(q * all.Length) - 1)];
        return new LatencyReport(ports.Count, pollHz, all.Length, P(0.5), P(0.99), all.Length == 0 ? double.NaN : all[^1], late);
    }

    /// <summary>One channel polled from a dedicated thread with blocking socket calls, as a simple instrument
    /// driver (pyvisa, a LabVIEW VI) does: no thread-pool hop between the reply's arrival and the clock.</summary>
    public static LatencyReport ReadLatencyBlocking(int port, double pollHz, TimeSpan duration)
    {
        using var tcp = new TcpClient { NoDelay = true };
        tcp.Connect("127.0.0.1", port);
        using var stream = tcp.GetStream();
        using var reader = new StreamReader(stream, Encoding.Latin1);
        void Send(string text) => stream.Write(Encoding.Latin1.GetBytes(text));
        Send(":FORM:ELEM VOLT,CURR,TIME;:SENS:VOLT:NPLC 0.01;:SENS:CURR:NPLC 0.01;:OUTP ON\n:READ?\n");
        _ = reader.ReadLine();
        var samples = new List<double>();
        var period = TimeSpan.FromSeconds(1 / pollHz);
        var start = Stopwatch.GetTimestamp();
        var next = TimeSpan.Zero;
        long late = 0;
        while (Stopwatch.GetElapsedTime(start) < duration)
        {
            var wait = next - Stopwatch.GetElapsedTime(start);
            if (wait > TimeSpan.Zero) Thread.Sleep(wait); else late++;
            var t0 = Stopwatch.GetTimestamp();
            Send(":READ?\n");
            if (reader.ReadLine() is null) throw new IOException($"port {port} closed during the latency run");
            samples.Add(Stopwatch.GetElapsedTime(t0).TotalMilliseconds);
            next += period;
        }
        samples.Sort();
        double P(double q) => samples[Math.Min(samples.Count - 1, (int)Math.Ceiling(q * samples.Count) - 1)];
        return new LatencyReport(1, pollHz, samples.Count, P(0.5), P(0.99), samples[^1], late);
    }

    /// <summary>Line client. Async, so hundreds of them share a few threads with the server in one process.</summary>
    private sealed class Connection : IDisposable
    {
        private readonly TcpClient _tcp = new() { NoDelay = true };
        private readonly NetworkStream _stream;
        private readonly byte[] _buffer = new byte[65536];
        private int _start, _end;

        public Connection(int port)
        {
            _tcp.Connect("127.0.0.1", port);
            _stream = _tcp.GetStream();
        }

        public async Task<bool> SendAsync(string text)
        {
            try { await _stream.WriteAsync(Encoding.Latin1.GetBytes(text)); return true; }
            catch (IOException) { return false; }
        }

        public async Task<string?> ReadLineAsync()
        {
            while (true)
            {
                int nl = Array.IndexOf(_buffer, (byte)'\n', _start, _end - _start);
                if (nl >= 0)
                {
                    var line = Encoding.Latin1.GetString(_buffer, _start, nl - _start);
                    _start = nl + 1;
                    return line;
                }
                if (_start > 0) { Array.Copy(_buffer, _start, _buffer, 0, _end - _start); _end -= _start; _start = 0; }
                if (_end == _buffer.Length) throw new IOException("reply line longer than 64 KiB");
                int n;
                using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
                try { n = await _stream.ReadAsync(_buffer.AsMemory(_end), timeout.Token); }
                catch (Exception e) when (e is IOException or OperationCanceledException) { return null; }
                if (n == 0) return null;
                _end += n;
            }
        }

        public async Task<bool> SkipToAsync(string prefix)
        {
            for (int i = 0; i < 100; i++)
            {
                var line = await ReadLineAsync();
                if (line is null) return false;
                if (line.StartsWith(prefix, StringComparison.Ordinal)) return true;
            }
            return false;
        }

        public void Dispose() => _tcp.Dispose();
    }
}
