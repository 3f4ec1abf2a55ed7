using System.Buffers;
using System.Buffers.Binary;
using System.IO.Pipelines;
using Google.Protobuf;
using Grpc.Core;
using Microsoft.AspNetCore.Http;
using V1 = Bourse.Contracts.Engine.V1;

namespace Bourse.EngineHost.OrderEntry;

/// <summary>
/// The Trade stream's messages read from the request body and written to the response body directly, in gRPC's wire
/// format (a compressed flag, a 4-byte big-endian length, the message), instead of one message at a time through
/// Grpc.AspNetCore's stream reader and writer.
/// </summary>
/// <remarks>
/// Why: under load the per-message path (an awaited read, an enumerator step, an awaited write with its serialization
/// context per message) was most of the host's CPU outside the engine. Here one read of the request body parses every
/// whole message it holds in a loop, and one flush sends every report waiting (written by the commit threads straight
/// into the session's buffer in this format: <see cref="StreamSession"/>). The bytes on the wire are the same:
/// Grpc.AspNetCore still answers the call (headers, content type, trailers and status), and a request with a
/// <c>grpc-encoding</c> other than identity goes through the regular reader (<see cref="CanReadDirectly"/>).
/// Reports are never compressed, as before (the host configures no response compression).
/// </remarks>
internal static class TradeStreamIo
{
    private const int HeaderSize = 5;

    /// <summary>The largest request message accepted: Grpc.AspNetCore's default receive limit.</summary>
    public const int MaxRequestSize = 4 * 1024 * 1024;

    /// <summary>Whether the requests can be read directly: not compressed (no <c>grpc-encoding</c>, or identity).</summary>
    public static bool CanReadDirectly(HttpContext http) =>
        !http.Request.Headers.TryGetValue("grpc-encoding", out var encoding) || encoding.Count == 0 || encoding == "identity";

    /// <summary>Reads requests until the request body ends, handing each to <paramref name="handle"/> on this thread.</summary>
    public static async Task ReadRequestsAsync(PipeReader reader, TradeRequestHandler handle, CancellationToken cancellationToken)
    {
        while (true)
        {
            var result = await reader.ReadAsync(cancellationToken).ConfigureAwait(false);
            var buffer = result.Buffer;
            try
            {
                HandleWholeMessages(ref buffer, handle);
            }
            finally
            {
                reader.AdvanceTo(buffer.Start, buffer.End);
            }

            if (result.IsCompleted)
            {
                if (!buffer.IsEmpty)
                {
                    throw new RpcException(new Status(StatusCode.Internal, "Incomplete message."));
                }

                return;
            }

            if (result.IsCanceled)
            {
                throw new OperationCanceledException(cancellationToken);
            }
        }
    }

    /// <summary>Hands on every whole message at the start of <paramref name="buffer"/> and moves past them.</summary>
    /// <remarks>
    /// A message of the common shape in one segment is read from its bytes (<see cref="TradeRequestParser"/>); any other
    /// is parsed by Google.Protobuf.
    /// </remarks>
    private static void HandleWholeMessages(ref ReadOnlySequence<byte> buffer, TradeRequestHandler handle)
    {
        while (TryTakeMessage(ref buffer, out var message))
        {
            if (message.IsSingleSegment && TradeRequestParser.TryParse(message.FirstSpan, out var fields))
            {
                handle(fields);
                continue;
            }

            V1.OrderEntryRequest request;
            try
            {
                request = V1.OrderEntryRequest.Parser.ParseFrom(message);
            }
            catch (InvalidProtocolBufferException e)
            {
                throw new RpcException(new Status(StatusCode.Internal, "Error deserializing the request message: " + e.Message));
            }

            handle(TradeRequestFields.From(request));
        }
    }

    private static bool TryTakeMessage(ref ReadOnlySequence<byte> buffer, out ReadOnlySequence<byte> message)
    {
        message = default;
        if (buffer.Length < HeaderSize)
        {
            return false;
        }

        Span<byte> header = stackalloc byte[HeaderSize];
        buffer.Slice(0, HeaderSize).CopyTo(header);
        if (header[0] != 0)
        {
            throw new RpcException(new Status(StatusCode.Internal, "A compressed message arrived without grpc-encoding."));
        }

        var size = BinaryPrimitives.ReadUInt32BigEndian(header[1..]);
        if (size > MaxRequestSize)
        {
            throw new RpcException(new Status(StatusCode.ResourceExhausted, "Received message exceeds the maximum configured message size."));
        }

        if (buffer.Length < HeaderSize + size)
        {
            return false;
        }

        message = buffer.Slice(HeaderSize, size);
        buffer = buffer.Slice(message.End);
        return true;
    }

    /// <summary>
    /// Writes every report waiting and flushes once, until the session completes; once the response has started, lets
    /// the commit threads write while this waits (<see cref="StreamSession.ReportsDelivered"/>).
    /// </summary>
    public static async Task WriteReportsAsync(StreamSession session, PipeWriter writer, CancellationToken cancellationToken)
    {
        using var registration = cancellationToken.UnsafeRegister(static s => ((StreamSession)s!).Wake(), session);
        var direct = false;
        try
        {
            while (true)
            {
                await session.WaitAsync().ConfigureAwait(false);
                cancellationToken.ThrowIfCancellationRequested();
                if (session.TakeHandedFlush(out var handed))
                {
                    ThrowIfEnded(await handed.ConfigureAwait(false));
                }

                if (!session.TryTake(out var reports))
                {
                    return;
                }

                if (reports.IsEmpty)
                {
                    continue;
                }

                writer.Write(reports.Span);
                ThrowIfEnded(await writer.FlushAsync(cancellationToken).ConfigureAwait(false));
                if (!direct)
                {
                    session.WriteDirectlyTo(writer);
                    direct = true;
                }
            }
        }
        finally
        {
            session.StopDirectWrites();
        }
    }

    private static void ThrowIfEnded(FlushResult flushed)
    {
        if (flushed.IsCanceled || flushed.IsCompleted)
        {
            throw new OperationCanceledException("The response ended.");
        }
    }
}
