using System.Diagnostics;
using System.Globalization;
using System.Text;

namespace Floor;

/// <summary>
/// Sends signed rolling-restart pre-checks one after another over one HttpClient and prints its own time
/// per call, measured after a warm-up, as one JSON line: {"calls":N,"answered":N,"ms_per_call":x}.
/// Usage: Floor --endpoint http://127.0.0.1:PORT/api/v1 --access-key KEY --numbers FILE [--calls 2000] [--warmup 2000]
/// The secret key comes from the CDSS_BENCH_SECRET_KEY environment variable, never from the command line.
/// </summary>
public static class Program
{
    private const string PreCheckPath = "/cluster/rollingRestartPreCheck";

    public static async Task<int> Main(string[] args)
    {
        var options = ParseOptions(args);
        var endpoint = options["--endpoint"].TrimEnd('/');
        var accessKey = options["--access-key"];
        var secret = Environment.GetEnvironmentVariable("CDSS_BENCH_SECRET_KEY")
            ?? throw new InvalidOperationException("Set CDSS_BENCH_SECRET_KEY.");
        var numbers = File.ReadAllLines(options["--numbers"]).Where(l => l.Length > 0).Select(long.Parse).ToArray();
        var calls = int.Parse(options.GetValueOrDefault("--calls", "2000"), CultureInfo.InvariantCulture);
        var warmup = int.Parse(options.GetValueOrDefault("--warmup", "2000"), CultureInfo.InvariantCulture);

        var signer = new Signer(accessKey, Encoding.UTF8.GetBytes(secret));
        using var http = new HttpClient();
        var uri = new Uri(endpoint + PreCheckPath);

        for (var i = 0; i < warmup; i++) await PreCheckAsync(http, signer, uri, numbers[i % numbers.Length]);

        var answered = 0;
        var clock = Stopwatch.StartNew();
        for (var i = 0; i < calls; i++)
        {
            if (await PreCheckAsync(http, signer, uri, numbers[i % numbers.Length])) answered++;
        }
        clock.Stop();

        var msPerCall = clock.Elapsed.TotalMilliseconds / calls;
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"{{\"calls\":{calls},\"answered\":{answered},\"ms_per_call\":{msPerCall:0.0000}}}"));
        return answered == calls ? 0 : 1;
    }

    /// <summary>One signed pre-check; true when the gateway answered HTTP 200 with a body.</summary>
    private static async Task<bool> PreCheckAsync(HttpClient http, Signer signer, Uri uri, long serviceGroupInstanceNo)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, uri)
        {
            Content = new StringContent("{\"serviceGroupInstanceNo\":" + serviceGroupInstanceNo.ToString(CultureInfo.InvariantCulture) + "}",
                Encoding.UTF8, "application/json"),
        };
        signer.Apply(request);
        using var response = await http.SendAsync(request);
        var body = await response.Content.ReadAsStringAsync();
        return response.IsSuccessStatusCode && body.Length > 0;
    }

    private static Dictionary<string, string> ParseOptions(string[] args)
    {
        var options = new Dictionary<string, string>(StringComparer.Ordinal);
        for (var i = 0; i + 1 < args.Length; i += 2) options[args[i]] = args[i + 1];
        foreach (var required in new[] { "--endpoint", "--access-key", "--numbers" })
        {
            if (!options.ContainsKey(required)) throw new ArgumentException($"Missing {required}.");
        }
        return options;
    }
}
