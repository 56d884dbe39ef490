using System.Globalization;
using System.Net;

namespace Cdss.Emulator.Options;

/// <summary>Start-up settings, parsed from the command line. Immutable once parsed.</summary>
public sealed class EmulatorOptions
{
    public const string DefaultAccessKey = "EMULATOR0ACCESS0KEY1";
    public const string DefaultSecretKey = "emulator-secret-key";
    public const string NoPermissionAccessKey = "EMULATOR0NOPERM0KEY1";
    public const string NoPermissionSecretKey = "emulator-noperm-secret";

    public List<string> Urls { get; } = new();
    public string AccessKey { get; private set; } = DefaultAccessKey;
    public string SecretKey { get; private set; } = DefaultSecretKey;
    /// <summary>Null means "use the fixed seed of named clusters".</summary>
    public int? GeneratedClusters { get; private set; }
    public int LatencyMs { get; private set; }
    public int BrokerRestartMs { get; private set; } = 1500;
    /// <summary>Time between a restart's acceptance and its first broker going down; nothing shows meanwhile.</summary>
    public int RestartDelayMs { get; private set; }
    /// <summary>The visible settling phase (serverStatus changing) of a config group apply, before brokers restart.</summary>
    public int ConfigApplyDelayMs { get; private set; } = 300;
    /// <summary>How long a cluster's message rate takes to ramp back up after a restart-like run.</summary>
    public int TrafficRecoveryMs { get; private set; } = 3000;
    public long ClockOffsetSec { get; private set; }
    public double FaultRate { get; private set; }
    /// <summary>Fixed default so that a run without --seed is still reproducible.</summary>
    public int Seed { get; private set; } = 1;
    public string? FaultsFile { get; private set; }
    public int? ParentPid { get; private set; }
    public string? VerifyVectorsFile { get; private set; }
    /// <summary>How the forms the sources leave open are written (--dialect); reset comes back to it.</summary>
    public Dialect Dialect { get; private set; } = Dialect.Default;

    /// <summary>Parses args; throws <see cref="OptionsException"/> with a user-facing message.</summary>
    public static EmulatorOptions Parse(IReadOnlyList<string> args)
    {
        var o = new EmulatorOptions();
        for (var i = 0; i < args.Count; i++)
        {
            var arg = args[i];
            string? inlineValue = null;
            var eq = arg.IndexOf('=');
            if (arg.StartsWith("--", StringComparison.Ordinal) && eq > 0)
            {
                inlineValue = arg[(eq + 1)..];
                arg = arg[..eq];
            }

            string Value()
            {
                if (inlineValue is not null) return inlineValue;
                if (i + 1 >= args.Count) throw new OptionsException($"option {arg} needs a value");
                return args[++i];
            }

            switch (arg)
            {
                case "--urls":
                    foreach (var u in Value().Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
                        o.Urls.Add(ValidateUrl(u));
                    break;
                case "--access-key": o.AccessKey = NonEmpty(arg, Value()); break;
                case "--secret-key": o.SecretKey = NonEmpty(arg, Value()); break;
                case "--clusters": o.GeneratedClusters = Int(arg, Value(), 0, 100_000); break;
                case "--latency-ms": o.LatencyMs = Int(arg, Value(), 0, 600_000); break;
                case "--broker-restart-ms": o.BrokerRestartMs = Int(arg, Value(), 1, 3_600_000); break;
                case "--restart-delay-ms": o.RestartDelayMs = Int(arg, Value(), 0, 3_600_000); break;
                case "--config-apply-delay-ms": o.ConfigApplyDelayMs = Int(arg, Value(), 0, 3_600_000); break;
                case "--traffic-recovery-ms": o.TrafficRecoveryMs = Int(arg, Value(), 0, 86_400_000); break;
                case "--clock-offset-sec": o.ClockOffsetSec = Long(arg, Value(), -10L * 365 * 86400, 10L * 365 * 86400); break;
                case "--fault-rate": o.FaultRate = Rate(arg, Value()); break;
                case "--seed": o.Seed = Int(arg, Value(), int.MinValue, int.MaxValue); break;
                case "--faults": o.FaultsFile = NonEmpty(arg, Value()); break;
                case "--parent-pid": o.ParentPid = Int(arg, Value(), 1, int.MaxValue); break;
                case "--verify-vectors": o.VerifyVectorsFile = NonEmpty(arg, Value()); break;
                case "--dialect": o.Dialect = ParseDialect(arg, Value()); break;
                default: throw new OptionsException($"unknown option '{args[i]}'");
            }
        }

        if (o.Urls.Count == 0) o.Urls.Add("http://127.0.0.1:0");
        return o;
    }

    /// <summary>
    /// The emulator has no authentication on its control API, so it must never be reachable
    /// from another machine: only loopback hosts are accepted.
    /// </summary>
    private static string ValidateUrl(string url)
    {
        if (!Uri.TryCreate(url, UriKind.Absolute, out var uri) || uri.Scheme != Uri.UriSchemeHttp)
            throw new OptionsException($"--urls: '{url}' is not an http:// URL");
        if (uri.AbsolutePath != "/" || uri.Query.Length > 0)
            throw new OptionsException($"--urls: '{url}' must not have a path");

        var host = uri.Host;
        var isLoopback = host.Equals("localhost", StringComparison.OrdinalIgnoreCase)
            || (IPAddress.TryParse(host.Trim('[', ']'), out var ip) && IPAddress.IsLoopback(ip));
        if (!isLoopback)
            throw new OptionsException($"--urls: host '{host}' is not a loopback address (allowed: 127.0.0.0/8, [::1], localhost)");

        // Kestrel refuses a dynamic port on "localhost"; 127.0.0.1 is what a client gets anyway.
        if (uri.Port == 0 && host.Equals("localhost", StringComparison.OrdinalIgnoreCase))
            return "http://127.0.0.1:0";
        return $"http://{uri.Authority}";
    }

    private static string NonEmpty(string name, string value) =>
        string.IsNullOrEmpty(value) ? throw new OptionsException($"{name} must not be empty") : value;

    private static int Int(string name, string value, int min, int max) =>
        int.TryParse(value, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var n) && n >= min && n <= max
            ? n
            : throw new OptionsException($"{name}: '{value}' is not an integer in [{min}, {max}]");

    private static long Long(string name, string value, long min, long max) =>
        long.TryParse(value, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var n) && n >= min && n <= max
            ? n
            : throw new OptionsException($"{name}: '{value}' is not an integer in [{min}, {max}]");

    private static Dialect ParseDialect(string name, string value)
    {
        try { return Dialect.Parse(value); }
        catch (FormatException e) { throw new OptionsException($"{name}: {e.Message}"); }
    }

    private static double Rate(string name, string value) =>
        double.TryParse(value, NumberStyles.Float, CultureInfo.InvariantCulture, out var d) && d >= 0 && d <= 1
            ? d
            : throw new OptionsException($"{name}: '{value}' is not a number in [0, 1]");

    public const string Usage = """
        Usage: Cdss.Emulator [options]
          --urls <url>               loopback http URL(s), ';'-separated (default http://127.0.0.1:0)
          --access-key <key>         valid access key (default EMULATOR0ACCESS0KEY1)
          --secret-key <secret>      its secret (default emulator-secret-key)
          --clusters <N>             generate N clusters instead of the default seed
          --latency-ms <N>           delay every CDSS answer (default 0)
          --broker-restart-ms <N>    time one broker takes to restart (default 1500)
          --restart-delay-ms <N>     time before an accepted restart shows (default 0)
          --config-apply-delay-ms <N> settling time of a config group apply (default 300)
          --traffic-recovery-ms <N>  time the message rate takes to come back after a restart (default 3000)
          --clock-offset-sec <N>     skew the emulator clock (auth window and Date header)
          --fault-rate <P>           fraction 0..1 of read requests failing transiently
          --seed <S>                 seed for --fault-rate (default 1)
          --faults <file.json>       fault rules to load at start
          --parent-pid <pid>         exit when that process exits
          --verify-vectors <file>    check signature vectors and exit 0/1
          --dialect <name=value,...> write the forms the sources leave open differently, e.g.
                                     customValueAtDefault=empty,rangeStyle=dash,clusterListIgnoresPageNo=true
        """;
}

public sealed class OptionsException(string message) : Exception(message);
