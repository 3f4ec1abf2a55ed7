using System.Net;
using System.Net.Sockets;

namespace Bourse.EventHubsLocal.Amqp;

/// <summary>Finds a free TCP port on 127.0.0.1 for a listener that cannot report the port the OS gave it.</summary>
/// <remarks>
/// The AMQP library's TCP listener binds inside <c>Listen</c>, does not expose its socket, and its own transport type
/// is internal, so the server cannot bind port 0 itself and then hand the socket over. It asks the OS for a free
/// port, releases it and binds it again, retrying (a bounded number of times) if someone took it in between.
/// </remarks>
internal static class LoopbackPort
{
    public static int PickFree()
    {
        using var probe = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        probe.Bind(new IPEndPoint(IPAddress.Loopback, 0));
        return ((IPEndPoint)probe.LocalEndPoint!).Port;
    }
}
