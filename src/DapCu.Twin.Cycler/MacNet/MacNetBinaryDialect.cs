using System.Buffers.Binary;
using System.Globalization;
using System.Text;
using DapCu.Twin.Cycler.Channels;
using DapCu.Twin.Cycler.Transport;

namespace DapCu.Twin.Cycler.MacNet;

/// <summary>
/// MacNet's binary port, as far as pymacnet uses it: a 26-byte little-endian record <c>&lt;HHHHffffBB</c>
/// (FClass, FNum, Chan, length 18, Current, Voltage, Power, Resistance, CurrentRange, ChMode) that sets a
/// channel to rest, which JSON (6,8) cannot do. Chan is 0-based, as on the JSON port and in Maccor's manual
/// ("Chan is 0 (zero) based"), so one number names one channel on both ports. (pymacnet 0.x adds 1 to Chan for
/// this port only, so its rest command lands one channel up, on a real Maccor as here.) The reply echoes the record.
/// </summary>
public sealed class MacNetBinaryDialect : IDialect
{
    public const int RecordBytes = 26;
    public string Name => EmulatedChannelDevice.MacNet;
    public string Terminator => "";
    public IMessageFramer CreateFramer() => new FixedFramer();
    public bool Exclusive => false;
    public string Refusal(int port, string holder) => "";

    public async Task<DialectReply> HandleAsync(FramedMessage message, ListenerContext context)
    {
        var b = Encoding.Latin1.GetBytes(message.Text);
        int fClass = BinaryPrimitives.ReadUInt16LittleEndian(b), fNum = BinaryPrimitives.ReadUInt16LittleEndian(b.AsSpan(2));
        int chan = BinaryPrimitives.ReadUInt16LittleEndian(b.AsSpan(4));
        char mode = (char)b[25];
        if (fClass == 6 && fNum == 8 && chan >= 0 && chan < context.Channels.Count)
        {
            float current = BinaryPrimitives.ReadSingleLittleEndian(b.AsSpan(8));
            float voltage = BinaryPrimitives.ReadSingleLittleEndian(b.AsSpan(12));
            var p = string.Create(CultureInfo.InvariantCulture,
                $"{{\"FClass\":6,\"FNum\":8,\"Chan\":{chan},\"Current\":{(mode == 'R' ? 0 : current)},\"Voltage\":{voltage},\"ChMode\":\"{mode}\"}}");
            await context.Channels[chan].ExecuteAsync(Name, p);
        }
        return new DialectReply(message.Text, 0, false);
    }

    private sealed class FixedFramer : IMessageFramer
    {
        private readonly List<byte> _pending = new();
        public void Feed(ReadOnlySpan<byte> data, List<FramedMessage> messages)
        {
            foreach (var x in data)
            {
                _pending.Add(x);
                if (_pending.Count == RecordBytes)
                {
                    messages.Add(new FramedMessage(Encoding.Latin1.GetString(_pending.ToArray()), false));
                    _pending.Clear();
                }
            }
        }
    }
}
