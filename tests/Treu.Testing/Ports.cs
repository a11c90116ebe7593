using System.Net;
using System.Net.Sockets;

namespace Treu.Testing;

public static class Ports
{
    /// <summary>A loopback port nobody listens on now: the kernel's pick, released at once for the caller to take.</summary>
    public static int Free()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
