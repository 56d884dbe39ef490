using System.Text.Json;

namespace Cdss.Emulator.Auth;

/// <summary>
/// Implements --verify-vectors: runs the emulator's own verifier over a vector file (the repository keeps
/// one, tests/Cdss.Tests/TestData/signature-vectors.json) so tests can prove the emulator agrees with an
/// independent implementation.
/// </summary>
public static class VectorSelfCheck
{
    public static int Run(string path, TextWriter output)
    {
        JsonElement vectors;
        try
        {
            using var doc = JsonDocument.Parse(File.ReadAllText(path));
            vectors = doc.RootElement.GetProperty("vectors").Clone();
        }
        catch (Exception e) when (e is IOException or JsonException or KeyNotFoundException or UnauthorizedAccessException or InvalidOperationException)
        {
            output.WriteLine($"cannot read vectors from {path}: {e.Message}");
            return 1;
        }

        int passed = 0, failed = 0, index = 0;
        foreach (var v in vectors.EnumerateArray())
        {
            index++;
            string S(string name) => v.GetProperty(name).GetString() ?? "";
            try
            {
                var (method, target, ts, ak, sk, sts, sig) =
                    (S("method"), S("requestTarget"), S("timestamp"), S("accessKey"), S("secretKey"), S("stringToSign"), S("signature"));
                var problems = new List<string>();
                if (SignatureVerifier.BuildStringToSign(method, target, ts, ak) != sts) problems.Add("string-to-sign differs");
                if (!SignatureVerifier.Verify(method, target, ts, ak, sk, sig)) problems.Add("signature rejected");
                // A verifier that accepts anything would pass the line above; make sure it also rejects.
                if (SignatureVerifier.Verify(method, target + "x", ts, ak, sk, sig)) problems.Add("tampered target accepted");
                if (SignatureVerifier.Verify(method, target, ts, ak, sk + "x", sig)) problems.Add("wrong secret accepted");

                if (problems.Count == 0) { passed++; output.WriteLine($"ok   {index}: {method} {target}"); }
                else { failed++; output.WriteLine($"FAIL {index}: {method} {target}: {string.Join(", ", problems)}"); }
            }
            catch (Exception e) when (e is KeyNotFoundException or InvalidOperationException)
            {
                failed++;
                output.WriteLine($"FAIL {index}: malformed vector: {e.Message}");
            }
        }

        if (passed + failed == 0) { output.WriteLine("no vectors found"); return 1; }
        output.WriteLine($"{passed} passed, {failed} failed");
        return failed == 0 ? 0 : 1;
    }
}
