using System.Buffers.Text;
using Bourse.Engine.Matching;

namespace Bourse.EngineHost.Commands;

/// <summary>
/// Writes commands in the <c>bourse-commands v1</c> format: the header first, one command per line, <c>\n</c> line
/// ends, sides as <c>B</c>/<c>S</c> and times in force as <c>GTC</c>, <c>DAY</c>, <c>IOC</c>, <c>FOK</c>, <c>POST</c>.
/// What it writes, <see cref="CommandStreamReader"/> reads back to equal commands.
/// </summary>
/// <remarks>
/// Formats into a 64 KB byte buffer with <see cref="Utf8Formatter"/> and hands full buffers to the stream: the generator
/// writes millions of lines and a <see cref="TextWriter"/> with interpolated strings would allocate per line.
/// Not thread-safe.
/// </remarks>
internal sealed class CommandStreamWriter : IDisposable
{
    private const int BufferSize = 64 * 1024;

    private readonly Stream _stream;
    private readonly bool _leaveOpen;
    private readonly byte[] _buffer = new byte[BufferSize];
    private int _used;
    private bool _disposed;

    /// <summary>Starts a stream: the header is written before any command.</summary>
    /// <param name="stream">Where to write.</param>
    /// <param name="leaveOpen">Whether <see cref="Dispose"/> leaves <paramref name="stream"/> open. The default value is <see langword="false"/>.</param>
    public CommandStreamWriter(Stream stream, bool leaveOpen = false)
    {
        ArgumentNullException.ThrowIfNull(stream);
        _stream = stream;
        _leaveOpen = leaveOpen;
        CommandStreamFormat.HeaderUtf8.CopyTo(_buffer);
        _used = CommandStreamFormat.HeaderUtf8.Length;
        _buffer[_used++] = (byte)'\n';
    }

    /// <summary>The number of commands written so far.</summary>
    public long CommandsWritten { get; private set; }

    /// <summary>Creates (or overwrites) the file at <paramref name="path"/> and starts a stream in it.</summary>
    public static CommandStreamWriter Create(string path)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        return new CommandStreamWriter(new FileStream(path, FileMode.Create, FileAccess.Write, FileShare.Read, bufferSize: 1));
    }

    /// <summary>Writes a whole stream of <paramref name="commands"/> to the file at <paramref name="path"/>.</summary>
    public static void WriteAll(string path, ReadOnlySpan<OrderCommand> commands)
    {
        using CommandStreamWriter writer = Create(path);
        writer.WriteAll(commands);
    }

    /// <summary>Writes a whole stream of <paramref name="commands"/> to <paramref name="stream"/>, leaving it open.</summary>
    public static void WriteAll(Stream stream, ReadOnlySpan<OrderCommand> commands)
    {
        using var writer = new CommandStreamWriter(stream, leaveOpen: true);
        writer.WriteAll(commands);
    }

    /// <summary>Writes <paramref name="commands"/> one by one.</summary>
    public void WriteAll(ReadOnlySpan<OrderCommand> commands)
    {
        foreach (ref readonly OrderCommand command in commands)
        {
            Write(command);
        }
    }

    /// <summary>Writes one command as one line.</summary>
    /// <exception cref="ArgumentException"><paramref name="command"/> is an end of session, which v1 cannot express.</exception>
    /// <exception cref="ArgumentOutOfRangeException">The command's type, side or time in force is not a defined value.</exception>
    public void Write(in OrderCommand command)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        Validate(command);
        if (BufferSize - _used < CommandStreamFormat.MaxLineLength)
        {
            FlushBuffer();
        }

        Span<byte> line = _buffer.AsSpan(_used);
        int length = command.Type switch
        {
            CommandType.NewOrder => FormatNewOrder(line, command),
            CommandType.Market => FormatMarket(line, command),
            CommandType.Cancel => FormatCancel(line, command),
            _ => FormatReplace(line, command),
        };
        line[length++] = (byte)'\n';
        _used += length;
        CommandsWritten++;
    }

    /// <summary>Writes the buffered lines to the stream and flushes it.</summary>
    public void Flush()
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        FlushBuffer();
        _stream.Flush();
    }

    /// <summary>Flushes, then closes the stream unless it was opened with <c>leaveOpen</c>.</summary>
    public void Dispose()
    {
        if (_disposed)
        {
            return;
        }

        try
        {
            Flush();
        }
        finally
        {
            _disposed = true;
            if (!_leaveOpen)
            {
                _stream.Dispose();
            }
        }
    }

    private static void Validate(in OrderCommand command)
    {
        switch (command.Type)
        {
            case CommandType.NewOrder:
                _ = CommandStreamFormat.SideCode(command.Side);
                _ = CommandStreamFormat.TimeInForceName(command.TimeInForce);
                break;
            case CommandType.Market:
                _ = CommandStreamFormat.SideCode(command.Side);
                break;
            case CommandType.Cancel or CommandType.Replace:
                break;
            case CommandType.EndOfSession:
                throw new ArgumentException(
                    "An end-of-session command has no bourse-commands v1 text form.", nameof(command));
            default:
                throw new ArgumentOutOfRangeException(nameof(command), command.Type, "Not a command type.");
        }
    }

    private static int FormatNewOrder(Span<byte> line, in OrderCommand command)
    {
        line[0] = (byte)'N';
        int at = 1;
        at += Field(line[at..], command.OrderId);
        line[at++] = (byte)',';
        line[at++] = CommandStreamFormat.SideCode(command.Side);
        at += Field(line[at..], command.Price);
        at += Field(line[at..], command.Quantity);
        line[at++] = (byte)',';
        ReadOnlySpan<byte> timeInForce = CommandStreamFormat.TimeInForceName(command.TimeInForce);
        timeInForce.CopyTo(line[at..]);
        at += timeInForce.Length;
        at += Field(line[at..], command.AccountId);
        return at;
    }

    private static int FormatMarket(Span<byte> line, in OrderCommand command)
    {
        line[0] = (byte)'M';
        int at = 1;
        at += Field(line[at..], command.OrderId);
        line[at++] = (byte)',';
        line[at++] = CommandStreamFormat.SideCode(command.Side);
        at += Field(line[at..], command.Quantity);
        at += Field(line[at..], command.AccountId);
        return at;
    }

    private static int FormatCancel(Span<byte> line, in OrderCommand command)
    {
        line[0] = (byte)'C';
        return 1 + Field(line[1..], command.OrderId);
    }

    private static int FormatReplace(Span<byte> line, in OrderCommand command)
    {
        line[0] = (byte)'R';
        int at = 1;
        at += Field(line[at..], command.OrderId);
        at += Field(line[at..], command.Price);
        at += Field(line[at..], command.Quantity);
        return at;
    }

    /// <summary>Writes <c>,value</c> and returns its length. The buffer always has room for a whole line.</summary>
    private static int Field(Span<byte> destination, long value)
    {
        destination[0] = (byte)',';
        Utf8Formatter.TryFormat(value, destination[1..], out int written);
        return 1 + written;
    }

    private void FlushBuffer()
    {
        _stream.Write(_buffer, 0, _used);
        _used = 0;
    }
}
