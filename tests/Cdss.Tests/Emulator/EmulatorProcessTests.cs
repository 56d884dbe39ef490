using System.Net;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using Cdss.Emulator;
using Cdss.Emulator.Options;
using Cdss.Signing;

namespace Cdss.Tests;

/// <summary>
/// The emulator as a process runs it (Program.RunAsync, the body of Main): options, exit codes, --verify-vectors, and
/// serving over real HTTP on loopback with the real clock.
/// </summary>
public class EmulatorProcessTests
{
    private static string VectorPath => Path.Combine(AppContext.BaseDirectory, "signature-vectors.json");

    [Fact]
    public async Task VerifyVectors_AgreesWithEveryVectorOfTheIndependentImplementation_AndExits0()
    {
        var count = JsonDocument.Parse(File.ReadAllText(VectorPath)).RootElement.GetProperty("vectors").GetArrayLength();
        Assert.True(count >= 10, $"only {count} vectors");
        var stdout = new StringWriter();

        var exit = await Program.RunAsync(["--verify-vectors", VectorPath], stdout, new StringWriter());

        Assert.True(exit == 0, stdout.ToString());
        Assert.Matches(new Regex($"(?m)^{count} passed, 0 failed\r?$"), stdout.ToString());
    }

    [Fact]
    public async Task VerifyVectors_FailsOnAVectorWhoseSignatureWasAltered_AndExits1()
    {
        using var dir = new TempDirectory();
        var json = System.Text.Json.Nodes.JsonNode.Parse(File.ReadAllText(VectorPath))!;
        var first = json["vectors"]![0]!;
        first["signature"] = "AAAA" + first["signature"]!.GetValue<string>()[4..];
        var altered = dir.Write("altered-vectors.json", json.ToJsonString());
        var stdout = new StringWriter();

        var exit = await Program.RunAsync(["--verify-vectors", altered], stdout, new StringWriter());

        Assert.Equal(1, exit);
        Assert.Matches("FAIL 1: .*signature rejected", stdout.ToString());
    }

    [Theory]
    [InlineData("--urls", "http://10.1.2.3:0", "is not a loopback address")]
    [InlineData("--urls", "https://127.0.0.1:0", "is not an http:// URL")]
    [InlineData("--parent-pid", "2147483647", "is not a running process")]
    [InlineData("--faults", "/no/such/faults.json", "cannot load --faults")]
    [InlineData("--no-such-option", "1", "unknown option")]
    public async Task WhatCannotRun_Exits2_SayingWhy_OnStandardError(string option, string value, string reason)
    {
        var stdout = new StringWriter();
        var stderr = new StringWriter();

        var exit = await Program.RunAsync([option, value], stdout, stderr);

        Assert.Equal(2, exit);
        Assert.Contains(reason, stderr.ToString());
        Assert.Equal("", stdout.ToString());
    }

    [Fact]
    public async Task Serving_PrintsOneListeningLine_AndTheRealClockCanBeMovedToFinishARestart()
    {
        var stdout = new LineCollector();
        using var stop = new CancellationTokenSource();
        var run = Program.RunAsync(["--urls", "http://127.0.0.1:0", "--broker-restart-ms", "600000"], stdout, new StringWriter(), stop.Token);
        try
        {
            var line = await stdout.FirstLineAsync(run, TimeSpan.FromSeconds(30));
            var match = Regex.Match(line, @"^Listening on (http://127\.0\.0\.1:\d+)/api/v1$");
            Assert.True(match.Success, line);
            var root = match.Groups[1].Value;
            using var http = new HttpClient();
            using var signer = new RequestSigner(EmulatorOptions.DefaultAccessKey, Secure.From(EmulatorOptions.DefaultSecretKey));

            using var restart = new HttpRequestMessage(HttpMethod.Post, root + "/api/v1/cluster/rollingRestart")
            {
                Content = new StringContent("{\"serviceGroupInstanceNo\":3432149}", Encoding.UTF8, "application/json"),
            };
            signer.Apply(restart);
            using (var accepted = await http.SendAsync(restart))
                Assert.Contains("\"result\":true", await accepted.Content.ReadAsStringAsync());
            Assert.Contains("\"outcome\":\"running\"", await http.GetStringAsync(root + "/_emulator/restarts"));

            // Three brokers of ten minutes each: half an hour of emulator time, no waiting.
            using var moved = await http.PostAsync(root + "/_emulator/clock", new StringContent("{\"advanceSeconds\":1800}"));
            Assert.Equal(HttpStatusCode.OK, moved.StatusCode);
            var now = DateTimeOffset.Parse(JsonDocument.Parse(await moved.Content.ReadAsStringAsync()).RootElement.Str("now"));
            Assert.InRange(now - DateTimeOffset.UtcNow, TimeSpan.FromSeconds(1790), TimeSpan.FromSeconds(1810));
            Assert.Contains("\"outcome\":\"succeeded\"", await http.GetStringAsync(root + "/_emulator/restarts"));
            Assert.Equal(line + Environment.NewLine, stdout.Text);
        }
        finally
        {
            stop.Cancel();
        }
        Assert.Equal(0, await run.WaitAsync(TimeSpan.FromSeconds(30)));
    }

    /// <summary>Collects what the emulator writes on "stdout", and hands over its first line.</summary>
    private sealed class LineCollector : TextWriter
    {
        private readonly StringBuilder _text = new();

        public override Encoding Encoding => Encoding.UTF8;

        public string Text
        {
            get { lock (_text) return _text.ToString(); }
        }

        public override void Write(char value)
        {
            lock (_text) _text.Append(value);
        }

        /// <summary>The first complete line; fails if the emulator ends first or nothing comes in time.</summary>
        public async Task<string> FirstLineAsync(Task<int> run, TimeSpan timeout)
        {
            var deadline = DateTime.UtcNow + timeout;
            while (DateTime.UtcNow < deadline)
            {
                var text = Text;
                var end = text.IndexOf('\n');
                if (end >= 0) return text[..end].TrimEnd('\r');
                if (run.IsCompleted) throw new Xunit.Sdk.XunitException($"the emulator ended with {await run} before a line");
                await Task.Delay(20);
            }
            throw new Xunit.Sdk.XunitException("no line within " + timeout);
        }
    }
}
