using System.Collections.Concurrent;

namespace Cdss.Tests;

/// <summary>
/// Runs async code on the calling thread alone. Every continuation posted to the current context (such as the
/// one after <see cref="FakeClock.Delay"/>'s yield) is queued and run here, one at a time, in the order posted,
/// so concurrent tasks on a fake clock interleave the same way on every run, however loaded the machine is.
/// </summary>
internal sealed class SingleThreadedLoop : SynchronizationContext, IDisposable
{
    /// <summary>Far longer than any run on a fake clock takes; only a hang reaches it.</summary>
    private static readonly TimeSpan Limit = TimeSpan.FromSeconds(60);

    private readonly BlockingCollection<(SendOrPostCallback Callback, object? State)> _work = new();

    public override void Post(SendOrPostCallback d, object? state) => _work.Add((d, state));

    public override void Send(SendOrPostCallback d, object? state) =>
        throw new NotSupportedException("Nothing run on this loop may block waiting for it.");

    public override SynchronizationContext CreateCopy() => this;

    public void Dispose() => _work.Dispose();

    /// <summary>Starts <paramref name="body"/> on this thread and runs its continuations here until it completes.</summary>
    public static void Run(Func<Task> body)
    {
        var previous = Current;
        using var loop = new SingleThreadedLoop();
        SetSynchronizationContext(loop);
        try
        {
            var task = body();
            // Wakes the loop when the body ends, whichever way it ends.
            _ = task.ContinueWith(_ => loop.Post(_ => { }, null), CancellationToken.None,
                TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);
            while (!task.IsCompleted)
            {
                if (!loop._work.TryTake(out var work, Limit))
                    throw new TimeoutException($"The run did not finish, and posted nothing, within {Limit.TotalSeconds} s.");
                work.Callback(work.State);
            }
            task.GetAwaiter().GetResult();
        }
        finally
        {
            SetSynchronizationContext(previous);
        }
    }
}
