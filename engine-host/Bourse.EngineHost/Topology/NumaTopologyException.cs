namespace Bourse.EngineHost.Topology;

/// <summary>The NUMA topology cannot be read: sysfs is missing, or a file in it cannot be read or parsed.</summary>
internal sealed class NumaTopologyException : Exception
{
    public NumaTopologyException()
    {
    }

    public NumaTopologyException(string message)
        : base(message)
    {
    }

    public NumaTopologyException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
