using System.Collections.Concurrent;
using Cdss.Commands;

namespace Cdss.Tests;

public class OrderedRequestQueueTests
{
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(10);

    private static TaskCompletionSource<int> Gate() => new(TaskCreationOptions.RunContinuationsAsynchronously);

    private static List<QueuedResult<T>> Drain<T>(OrderedRequestQueue<T> queue)
    {
        var results = new List<QueuedResult<T>>();
        while (queue.Pending > 0)
        {
            Assert.True(queue.TryTake(Wait, out var result), "the head result did not arrive in time");
            results.Add(result!);
        }
        return results;
    }

    [Fact]
    public void Results_ComeBackInEnqueueOrder_EvenWhenLaterOnesFinishFirst()
    {
        using var queue = new OrderedRequestQueue<int>(3, CancellationToken.None);
        var gates = Enumerable.Range(0, 3).Select(_ => Gate()).ToArray();
        for (var i = 0; i < 3; i++)
        {
            var gate = gates[i];
            queue.Enqueue($"in-{i}", async _ => await gate.Task.ConfigureAwait(false));
        }

        gates[2].SetResult(20);
        gates[1].SetResult(10);
        Assert.False(queue.TryTake(out var early), "the head is not done, so nothing may be taken");
        Assert.Null(early);
        gates[0].SetResult(0);

        var results = Drain(queue);
        Assert.Equal(new object[] { "in-0", "in-1", "in-2" }, results.Select(r => r.Input!));
        Assert.Equal(new[] { 0, 10, 20 }, results.Select(r => r.Value));
        Assert.All(results, r => Assert.Null(r.Error));
    }

    [Fact]
    public void AtMostThrottleLimitRunAtOnce()
    {
        // Every call holds its slot until the test opens its gate, so what runs at once is decided by the test,
        // never by how the machine schedules threads.
        const int limit = 3;
        const int count = 12;
        var inFlight = 0;
        var maxInFlight = 0;
        var started = 0;
        var gates = Enumerable.Range(0, count).Select(_ => Gate()).ToArray();
        var startedOrder = new ConcurrentQueue<int>();
        using var startSignal = new SemaphoreSlim(0);
        using var queue = new OrderedRequestQueue<int>(limit, CancellationToken.None);
        for (var i = 0; i < count; i++)
        {
            var n = i;
            queue.Enqueue(n, async _ =>
            {
                Interlocked.Increment(ref started);
                var now = Interlocked.Increment(ref inFlight);
                int seen;
                while ((seen = Volatile.Read(ref maxInFlight)) < now && Interlocked.CompareExchange(ref maxInFlight, now, seen) != seen) { }
                startedOrder.Enqueue(n);
                startSignal.Release();
                var value = await gates[n].Task.ConfigureAwait(false);
                Interlocked.Decrement(ref inFlight);
                return value;
            });
        }

        for (var i = 0; i < limit; i++) Assert.True(startSignal.Wait(Wait), $"call {i + 1} of the first {limit} did not start");
        // No slot is free, so nothing more can start; the pause only gives a wrong queue the chance to show it.
        Assert.False(startSignal.Wait(TimeSpan.FromMilliseconds(200)), "a call started while all slots were taken");
        Assert.Equal(limit, Volatile.Read(ref started));
        Assert.Equal(new[] { 0, 1, 2 }, startedOrder.OrderBy(n => n));

        // Each finished call frees one slot, which starts exactly one more, until none are left.
        for (var finished = 1; finished <= count; finished++)
        {
            Assert.True(startedOrder.TryDequeue(out var running), "a slot holder is missing");
            gates[running].SetResult(running);
            if (finished + limit <= count)
            {
                Assert.True(startSignal.Wait(Wait), $"no call started after call {running} finished");
                Assert.Equal(finished + limit, Volatile.Read(ref started));
            }
        }

        var results = Drain(queue);

        Assert.Equal(Enumerable.Range(0, count), results.Select(r => r.Value));
        Assert.Equal(limit, maxInFlight);
        Assert.Equal(count, started);
    }

    [Fact]
    public void EachInput_IsRunAndReturnedExactlyOnce()
    {
        var runs = new int[50];
        using var queue = new OrderedRequestQueue<int>(4, CancellationToken.None);
        for (var i = 0; i < 50; i++)
        {
            var n = i;
            queue.Enqueue(n, async _ =>
            {
                Interlocked.Increment(ref runs[n]);
                await Task.Delay((50 - n) % 7).ConfigureAwait(false);
                return n * n;
            });
        }
        Assert.Equal(50, queue.Queued);

        var results = Drain(queue);

        Assert.Equal(Enumerable.Range(0, 50).Cast<object>(), results.Select(r => r.Input!));
        Assert.Equal(Enumerable.Range(0, 50).Select(n => n * n), results.Select(r => r.Value));
        Assert.All(runs, count => Assert.Equal(1, count));
        Assert.False(queue.TryTake(out _));
        Assert.Equal(0, queue.Pending);
    }

    [Fact]
    public void FaultedItem_YieldsItsExceptionInPlace()
    {
        using var queue = new OrderedRequestQueue<string>(2, CancellationToken.None);
        var boom = new CdssException(CdssErrorIds.NotFound, CdssErrorCategory.ObjectNotFound, "no such cluster");
        queue.Enqueue("a", _ => Task.FromResult("A"));
        queue.Enqueue("b", async _ => { await Task.Yield(); throw boom; });
        queue.Enqueue("c", _ => throw new InvalidOperationException("sync throw"));
        queue.Enqueue("d", _ => Task.FromResult("D"));

        var results = Drain(queue);

        Assert.Equal(new object[] { "a", "b", "c", "d" }, results.Select(r => r.Input!));
        Assert.Equal("A", results[0].Value);
        Assert.Same(boom, results[1].Error);
        Assert.Null(results[1].Value);
        Assert.IsType<InvalidOperationException>(results[2].Error);
        Assert.Equal("D", results[3].Value);
    }

    [Fact]
    public void Cancellation_SurfacesAsOperationCanceled()
    {
        using var cts = new CancellationTokenSource();
        using var queue = new OrderedRequestQueue<int>(1, cts.Token);
        queue.Enqueue(1, async token => { await Task.Delay(Timeout.Infinite, token).ConfigureAwait(false); return 1; });
        queue.Enqueue(2, _ => Task.FromResult(2));
        cts.CancelAfter(50);

        Assert.ThrowsAny<OperationCanceledException>(() => queue.TryTake(Wait, out _));
    }

    [Fact]
    public void Cancellation_StopsQueuedWorkFromStarting()
    {
        using var cts = new CancellationTokenSource();
        var secondStarted = false;
        var gate = Gate();
        using var queue = new OrderedRequestQueue<int>(1, cts.Token);
        queue.Enqueue(1, async _ => await gate.Task.ConfigureAwait(false));
        queue.Enqueue(2, _ => { secondStarted = true; return Task.FromResult(2); });

        cts.Cancel();
        gate.SetResult(1);

        Assert.ThrowsAny<OperationCanceledException>(() => queue.TryTake(Wait, out _));
        Assert.ThrowsAny<OperationCanceledException>(() => queue.TryTake(Wait, out _));
        Assert.False(secondStarted);
    }

    [Fact]
    public async Task Dispose_CancelsWorkInFlight_AndStartsNothingMore()
    {
        var inFlightToken = new TaskCompletionSource<CancellationToken>(TaskCreationOptions.RunContinuationsAsynchronously);
        var started = 0;
        var queue = new OrderedRequestQueue<int>(1, CancellationToken.None);
        queue.Enqueue(1, async token =>
        {
            Interlocked.Increment(ref started);
            inFlightToken.SetResult(token);
            await Task.Delay(Timeout.Infinite, token).ConfigureAwait(false);
            return 1;
        });
        for (var i = 2; i <= 5; i++) queue.Enqueue(i, _ => { Interlocked.Increment(ref started); return Task.FromResult(0); });
        var token = await inFlightToken.Task;

        queue.Dispose();

        Assert.True(token.IsCancellationRequested);
        await Task.Delay(200);
        Assert.Equal(1, Volatile.Read(ref started));
        Assert.Throws<ObjectDisposedException>(() => queue.Enqueue(6, _ => Task.FromResult(6)));
    }

    [Fact]
    public void ThrottleLimitBelowOne_IsRejected()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => new OrderedRequestQueue<int>(0, CancellationToken.None));
    }
}
