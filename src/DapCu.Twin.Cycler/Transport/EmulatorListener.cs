using System.Net;
using System.Net.Sockets;
using System.Text;

namespace DapCu.Twin.Cycler.Transport;

/// <summary>
/// One TCP port of the emulator. Holds at most one client: a second one gets the dialect's refusal line and is
/// closed. Each reply (with its terminator) goes out in a single write, and nothing is ever sent unasked.
/// A message that fails never closes the connection; only the client, the "drop" fault or shutdown do.
/// </summary>
public sealed class EmulatorListener : IAsyncDisposable
{
    private readonly TcpListener _listener;
    private readonly IDialect _dialect;
    private readonly ListenerContext _context;
    private readonly CancellationTokenSource _stop = new();
    private Task? _acceptLoop;
    private TcpClient? _holder;
    private readonly object _gate = new();

    private readonly string? _description;

    public EmulatorListener(IPAddress address, int port, IDialect dialect, ListenerContext context, string? description = null)
    {
        _description = description;
        _listener = new TcpListener(address, port);
        _dialect = dialect;
        _context = context;
    }

    public int Port => ((IPEndPoint)_listener.LocalEndpoint).Port;
    public string Description => _description ?? (_context.HomeChannel is { } ch ? $"{_dialect.Name} channel {ch}" : $"{_dialect.Name} (all channels)");

    /// <summary>Binds and starts accepting. A taken port fails here, with the port and its purpose in the message.</summary>
    public void Start()
    {
        try { _listener.Start(); }
        catch (SocketException e)
        {
            throw new InvalidOperationException(
                $"cannot listen on {_listener.LocalEndpoint} for {Description}: {e.SocketErrorCode} ({e.Message}). " +
                "Is another emulator using this port? Choose another --port.", e);
        }
        _acceptLoop = AcceptLoopAsync();
    }

    private async Task AcceptLoopAsync()
    {
        while (!_stop.IsCancellationRequested)
        {
            TcpClient client;
            try { client = await _listener.AcceptTcpClientAsync(_stop.Token); }
            catch (OperationCanceledException) { return; }
            catch (ObjectDisposedException) { return; }
            catch (SocketException) { continue; }
            client.NoDelay = true;
            string who = client.Client.RemoteEndPoint?.ToString() ?? "?";
            string? holder;
            lock (_gate)
            {
                holder = _holder?.Client.RemoteEndPoint?.ToString() ?? (_holder is null ? null : "?");
                if (holder is null) _holder = client;
            }
            if (holder is not null) { _ = RefuseAsync(client, who, holder); continue; }
            _ = ServeAsync(client, who);
        }
    }

    private async Task RefuseAsync(TcpClient client, string who, string holder)
    {
        using (client)
        {
            try
            {
                await Note("refused", $"{who} refused on port {Port}: held by {holder}");
                var bytes = Encoding.Latin1.GetBytes(_dialect.Refusal(Port, holder) + _dialect.Terminator);
                await client.GetStream().WriteAsync(bytes, _stop.Token);
                client.Client.Shutdown(SocketShutdown.Both);
            }
            catch (Exception e) when (e is IOException or SocketException or OperationCanceledException or ObjectDisposedException) { }
        }
    }

    private async Task ServeAsync(TcpClient client, string who)
    {
        var framer = _dialect.CreateFramer();
        var messages = new List<FramedMessage>();
        var buffer = new byte[16 * 1024];
        // One span per client connection: every message it sends (and the grain calls they make) nests under it.
        using var session = Grains.Telemetry.TwinTelemetry.Activities.StartActivity("dapcu.scpi.session");
        session?.SetTag("dapcu.dialect", _dialect.Name);
        session?.SetTag("dapcu.port", Port);
        session?.SetTag("client.address", who);
        try
        {
            await Note("client", $"{who} connected on port {Port}");
            var stream = client.GetStream();
            while (!_stop.IsCancellationRequested)
            {
                int n = await stream.ReadAsync(buffer, _stop.Token);
                if (n == 0) break;
                messages.Clear();
                framer.Feed(buffer.AsSpan(0, n), messages);
                foreach (var m in messages)
                {
                    DialectReply reply;
                    try { reply = await _dialect.HandleAsync(m, _context); }
                    catch (Exception e) when (e is not OperationCanceledException)
                    {
                        // A defect in a handler must not cost the client its connection.
                        await Note("error", $"internal error on '{Shorten(m.Text)}': {e.GetType().Name}: {e.Message}");
                        continue;
                    }
                    if (reply.Drop)
                    {
                        await Note("fault", $"dropped connection of {who} (injected)");
                        return;
                    }
                    if (reply.Wait_s > 0) await Task.Delay(TimeSpan.FromSeconds(reply.Wait_s), _stop.Token);
                    if (reply.Reply is not null)
                        await stream.WriteAsync(Encoding.Latin1.GetBytes(reply.Reply + _dialect.Terminator), _stop.Token);
                }
            }
        }
        catch (Exception e) when (e is IOException or SocketException or OperationCanceledException or ObjectDisposedException) { }
        finally
        {
            lock (_gate) if (_holder == client) _holder = null;
            client.Dispose();
            try { await Note("client", $"{who} disconnected from port {Port}"); } catch { /* shutting down */ }
        }
    }

    private static string Shorten(string s) => s.Length <= 80 ? s : s[..80] + "…";

    private Task Note(string kind, string detail) =>
        _context.HomeChannel is { } ch ? _context.Channels[ch].NoteAsync(kind, detail) : Task.CompletedTask;

    public async ValueTask DisposeAsync()
    {
        _stop.Cancel();
        _listener.Stop();
        lock (_gate) _holder?.Dispose();
        if (_acceptLoop is not null) await _acceptLoop;
        _stop.Dispose();
    }
}
