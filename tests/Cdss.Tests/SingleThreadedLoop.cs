namespace Cdss.Tests;

/// <summary>
/// Runs async code on the calling thread alone, in an order fixed by the code, whatever the machine's load: the
/// fake clock's waits are queued here (<see cref="FakeClock.Delay"/>) and run one at a time, in the order queued.
/// The loop runs with no SynchronizationContext on purpose: the engine awaits with ConfigureAwait(false), and .NET
/// inlines such a continuation only where no custom context is current; under one, it would go to the thread pool,
/// and clusters of one rollout would race for the fake clock on pool threads.
/// </summary>
internal sealed class SingleThreadedLoop
{
    /// <summary>Far longer than any run on a fake clock takes; only a hang reaches it.</summary>
    private static readonly TimeSpan Limit = TimeSpan.FromSeconds(60);

    [ThreadStatic] private static SingleThreadedLoop? _current;

    private readonly Queue<Action> _work = new();
    private readonly int _thread = Environment.CurrentManagedThreadId;

    /// <summary>The loop running on this thread, if any.</summary>
    public static SingleThreadedLoop? Current => _current;

    /// <summary>Queues work to run after everything queued before it. Only code running on the loop may queue.</summary>
    public void Enqueue(Action work)
    {
        if (Environment.CurrentManagedThreadId != _thread)
        {
            throw new InvalidOperationException("Work was queued from another thread: something left the loop, so the run is no longer deterministic.");
        }
        _work.Enqueue(work);
    }

    /// <summary>Starts <paramref name="body"/> on this thread and runs the work it queues, here, until it completes.</summary>
    public static void Run(Func<Task> body)
    {
        var previousLoop = _current;
        var previousContext = SynchronizationContext.Current;
        var loop = new SingleThreadedLoop();
        _current = loop;
        SynchronizationContext.SetSynchronizationContext(null);
        try
        {
            var started = DateTime.UtcNow;
            var task = body();
            while (!task.IsCompleted)
            {
                if (loop._work.Count == 0) throw new InvalidOperationException("The run waits for something that is not on the loop: it would never finish.");
                if (DateTime.UtcNow - started > Limit) throw new TimeoutException($"The run did not finish within {Limit.TotalSeconds} s.");
                loop._work.Dequeue()();
            }
            task.GetAwaiter().GetResult();
        }
        finally
        {
            _current = previousLoop;
            SynchronizationContext.SetSynchronizationContext(previousContext);
        }
    }
}
