using System.Globalization;

namespace Treu.Testing;

/// <summary>A process's memory figures from /proc/&lt;pid&gt;/status (Linux).</summary>
public static class ProcessStatus
{
    /// <summary>A field of a process's /proc/&lt;pid&gt;/status, in MB; null when the process or the field is not there.</summary>
    public static double? Read(int pid, string field)
    {
        try
        {
            return StatusKilobytes(File.ReadLines($"/proc/{pid}/status"), field) / 1024.0;
        }
        catch (IOException)
        {
            return null;
        }
    }

    /// <summary>A field of a /proc/&lt;pid&gt;/status text given in kB (<c>VmHWM:   81234 kB</c>); null when there is no such line.</summary>
    public static long? StatusKilobytes(IEnumerable<string> status, string field)
    {
        foreach (var line in status)
        {
            if (line.StartsWith(field + ":", StringComparison.Ordinal))
            {
                return long.Parse(line.AsSpan(field.Length + 1).Trim().TrimEnd("kB").Trim(), CultureInfo.InvariantCulture);
            }
        }

        return null;
    }
}
