using System.Net;
using System.Net.Sockets;
using System.Text;
using System.Threading.Channels;

namespace DapCu.Twin.Cycler.Transport;

/// <summary>
/// One TCP port of the emulator. An exclusive dialect (an instrument's socket) holds at most one client: another
/// one gets the dialect's refusal line and is closed, unless the holder has just closed its side, in which case the
/// newcomer waits for the holder's last messages to run and is then accepted. Each reply (with its terminator) goes
/// out in a single write, and nothing is ever sent unasked. A message that fails never closes the connection; only
/// the client, the "drop" fault or shutdown do. Reading runs apart from executing, so a device clear (see
/// <see cref="IDialect.Interrupts"/>) or the client leaving ends a long measurement at once.
/// </summary>
public sealed class EmulatorListener : IAsyncDisposable
{
    /// <summary>Longest a newcomer waits for a closing holder's queued messages (a hang guard, not a timing).</summary>
    private static readonly TimeSpan HandOverGuard = TimeSpan.FromSeconds(10);

    private readonly TcpListener _listener;
    private readonly IDialect _dialect;
    private readonly ListenerContext _context;
    private readonly CancellationTokenSource _stop = new();
    private readonly string? _description;
    private readonly object _gate = new();
    private readonly HashSet<Session> _sessions = new();
    private readonly SemaphoreSlim _admission = new(1, 1);
    private Task? _acceptLoop;
    private Session? _holder;

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
                "Is another emulator using this port? Choose another --port (0: any free port).", e);
        }
        _acceptLoop = AcceptLoopAsync();
    }

    /// <summary>One client connection: its socket, the end of its input, and the wait for a busy instrument.</summary>
    private sealed class Session(TcpClient client, string who) : IDisposable
    {
        private bool _disposed;

        public void Dispose()
        {
            lock (_gate)
            {
                _disposed = true;
                _busy.Dispose();
            }
            Client.Dispose();
        }

        public TcpClient Client { get; } = client;
        public string Who { get; } = who;
        public TaskCompletionSource PeerClosed { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
        public TaskCompletionSource Finished { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
        private CancellationTokenSource _busy = new();
        private readonly object _gate = new();

        public CancellationToken BusyToken { get { lock (_gate) return _busy.Token; } }

        /// <summary>Interrupting messages read but not yet executed: a wait that starts while one is queued is skipped.</summary>
        public int PendingInterrupts;

        /// <summary>Ends the instrument's wait (a device clear, or the client left); the next wait starts afresh.</summary>
        public void Interrupt()
        {
            lock (_gate)
            {
                if (_disposed) return;
                // Not disposed here: a wait may still be linking to its token; without timers it holds nothing.
                _busy.Cancel();
                _busy = new CancellationTokenSource();
            }
        }

        /// <summary>The kernel holds bytes or the end of stream for this socket that the reader has not taken yet.</summary>
        public bool InputPending()
        {
            try { return Client.Client.Poll(0, SelectMode.SelectRead); }
            catch (Exception e) when (e is SocketException or ObjectDisposedException) { return true; }
        }
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
            var session = new Session(client, client.Client.RemoteEndPoint?.ToString() ?? "?");
            _ = AdmitAsync(session);
        }
    }

    private async Task AdmitAsync(Session session)
    {
        if (_dialect.Exclusive)
        {
            // One admission at a time, in the order clients connected: a client that closed and the one that
            // connected after it cannot overtake each other.
            await _admission.WaitAsync().ConfigureAwait(false);
            Session? holder;
            try
            {
                lock (_gate) holder = _holder;
                // A client that closed and reconnects at once: its old session may still be draining its last
                // messages (or its end of stream is in the kernel, not yet read). Let it finish, then admit.
                if (holder is not null && (holder.PeerClosed.Task.IsCompleted || holder.InputPending()))
                    await Task.WhenAny(holder.Finished.Task, Task.Delay(HandOverGuard, _stop.Token)).ConfigureAwait(false);
                lock (_gate)
                {
                    holder = _holder;
                    if (holder is null) _holder = session;
                }
            }
            finally { _admission.Release(); }
            if (holder is not null) { await RefuseAsync(session, holder.Who); return; }
        }
        lock (_gate) _sessions.Add(session);
        await ServeAsync(session);
    }

    private async Task RefuseAsync(Session session, string holder)
    {
        using var client = session.Client;
        try
        {
            await Note("refused", $"{session.Who} refused on port {Port}: held by {holder}");
            var bytes = Encoding.Latin1.GetBytes(_dialect.Refusal(Port, holder) + _dialect.Terminator);
            await client.GetStream().WriteAsync(bytes, _stop.Token);
            client.Client.Shutdown(SocketShutdown.Both);
        }
        catch (Exception e) when (e is IOException or SocketException or OperationCanceledException or ObjectDisposedException) { }
    }

    private async Task ServeAsync(Session session)
    {
        var inbox = Channel.CreateUnbounded<FramedMessage>(new UnboundedChannelOptions { SingleReader = true, SingleWriter = true });
        var stream = session.Client.GetStream();
        try
        {
            await Note("client", $"{session.Who} connected on port {Port}");
            var reader = ReadLoopAsync(session, stream, inbox.Writer);
            await foreach (var m in inbox.Reader.ReadAllAsync(_stop.Token))
            {
                bool gone = session.PeerClosed.Task.IsCompleted;
                if (_dialect.Interrupts(m)) Interlocked.Decrement(ref session.PendingInterrupts);
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
                    await Note("fault", $"dropped connection of {session.Who} (injected)");
                    break;
                }
                if (gone)   // the client left: its last messages still run, nobody reads replies
                {
                    if (reply.Wait_s > 0) await Note("abort", $"{session.Who} left during a measurement: it ends now");
                    continue;
                }
                if (reply.Wait_s > 0)
                {
                    try
                    {
                        using var wait = CancellationTokenSource.CreateLinkedTokenSource(_stop.Token, session.BusyToken);
                        if (Volatile.Read(ref session.PendingInterrupts) > 0) wait.Cancel();
                        await Task.Delay(TimeSpan.FromSeconds(reply.Wait_s), wait.Token);
                    }
                    catch (OperationCanceledException) when (!_stop.IsCancellationRequested)
                    {
                        await Note("abort", session.PeerClosed.Task.IsCompleted
                            ? $"{session.Who} left during a measurement: it ends now"
                            : "measurement ended by a device clear; its reply is not sent");
                        continue;
                    }
                }
                if (reply.Reply is not null)
                    await stream.WriteAsync(Encoding.Latin1.GetBytes(reply.Reply + _dialect.Terminator), _stop.Token);
            }
            _ = reader;
        }
        catch (Exception e) when (e is IOException or SocketException or OperationCanceledException or ObjectDisposedException) { }
        finally
        {
            lock (_gate)
            {
                if (_holder == session) _holder = null;
                _sessions.Remove(session);
            }
            session.Dispose();
            session.PeerClosed.TrySetResult();
            try { await Note("client", $"{session.Who} disconnected from port {Port}"); } catch { /* shutting down */ }
            session.Finished.TrySetResult();
        }
    }

    /// <summary>Reads and frames the client's bytes apart from executing them, so that an interrupting message or
    /// the end of the stream is seen while the instrument is busy.</summary>
    private async Task ReadLoopAsync(Session session, NetworkStream stream, ChannelWriter<FramedMessage> inbox)
    {
        var framer = _dialect.CreateFramer();
        var messages = new List<FramedMessage>();
        var buffer = new byte[16 * 1024];
        // One span per client connection: every message it sends (and the grain calls they make) nests under it.
        using var span = DapCu.Twin.Grains.Telemetry.TwinTelemetry.Activities.StartActivity("dapcu.scpi.session");
        span?.SetTag("dapcu.dialect", _dialect.Name);
        span?.SetTag("dapcu.port", Port);
        span?.SetTag("client.address", session.Who);
        try
        {
            Task<int>? pending = null;
            while (!_stop.IsCancellationRequested)
            {
                pending ??= stream.ReadAsync(buffer, _stop.Token).AsTask();
                if (framer.HasPartial && _dialect.IdleFlush is { } idle
                    && await Task.WhenAny(pending, Task.Delay(idle, _stop.Token)) != pending)
                {
                    messages.Clear();
                    framer.Flush(messages);
                    foreach (var m in messages) inbox.TryWrite(m);
                    continue;
                }
                int n = await pending;
                pending = null;
                if (n == 0) break;
                messages.Clear();
                framer.Feed(buffer.AsSpan(0, n), messages);
                foreach (var m in messages)
                {
                    if (_dialect.Interrupts(m))
                    {
                        Interlocked.Increment(ref session.PendingInterrupts);
                        session.Interrupt();
                    }
                    inbox.TryWrite(m);
                }
            }
        }
        catch (Exception e) when (e is IOException or SocketException or OperationCanceledException or ObjectDisposedException) { }
        finally
        {
            session.PeerClosed.TrySetResult();
            session.Interrupt();
            inbox.TryComplete();
        }
    }

    private static string Shorten(string s) => s.Length <= 80 ? s : s[..80] + "…";

    private Task Note(string kind, string detail) =>
        _context.HomeChannel is { } ch ? _context.Channels[ch].NoteAsync(kind, detail) : Task.CompletedTask;

    public async ValueTask DisposeAsync()
    {
        _stop.Cancel();
        _listener.Stop();
        Session[] open;
        lock (_gate) open = _sessions.ToArray();
        foreach (var s in open) s.Client.Dispose();
        if (_acceptLoop is not null) await _acceptLoop;
        await Task.WhenAll(open.Select(s => s.Finished.Task));
        _stop.Dispose();
    }
}
