namespace Cdss.Emulator.Options;

/// <summary>
/// The dialect in use: the one given with --dialect (the default without it), changed with POST /_emulator/dialect,
/// and back to the start-up one on reset. Reads are lock-free snapshots, since every answer that writes an open
/// form reads it.
/// </summary>
public sealed class DialectSettings(EmulatorOptions options)
{
    private volatile Dialect _current = options.Dialect;

    public Dialect Current => _current;

    public void Update(Func<Dialect, Dialect> change)
    {
        lock (this) _current = change(_current);
    }

    public void Reset()
    {
        lock (this) _current = options.Dialect;
    }
}
