using Cdss.Api;

namespace Cdss.Tests;

public class PagingTests
{
    private static Func<int, CancellationToken, Task<ResultPage<int>>> Pages(List<int> asked, params ResultPage<int>[] pages) =>
        (pageNo, _) =>
        {
            asked.Add(pageNo);
            if (pageNo > pages.Length) throw new InvalidOperationException($"page {pageNo} was never meant to be asked for");
            var page = pages[pageNo - 1];
            // As a fetch does: the page records the pageNo it was asked for.
            return Task.FromResult(new ResultPage<int>(page.Items, pageNo, page.CurrentPage, page.TotalPage, page.IsLast));
        };

    /// <summary>A page's answer: currentPage as the service sent it (0: it sent none), totalPage, isLast and items.</summary>
    private static ResultPage<int> Page(int current, int total, bool isLast, params int[] items) => new(items, 0, current, total, isLast);

    [Fact]
    public async Task ReadAll_StopsOnIsLast()
    {
        var asked = new List<int>();
        var items = await Paging.ReadAllAsync(Pages(asked, Page(1, 0, false, 1, 2), Page(2, 0, true, 3)), CancellationToken.None);
        Assert.Equal(new[] { 1, 2, 3 }, items);
        Assert.Equal(new[] { 1, 2 }, asked);
    }

    [Fact]
    public async Task ReadAll_StopsOnTotalPage()
    {
        var asked = new List<int>();
        var items = await Paging.ReadAllAsync(Pages(asked, Page(1, 2, false, 1), Page(2, 2, false, 2)), CancellationToken.None);
        Assert.Equal(new[] { 1, 2 }, items);
        Assert.Equal(new[] { 1, 2 }, asked);
    }

    [Fact]
    public async Task ReadAll_StopsOnAnEmptyPage_EvenWhenTheCountsSayMore()
    {
        var asked = new List<int>();
        var items = await Paging.ReadAllAsync(Pages(asked, Page(1, 9, false, 1), Page(2, 9, false)), CancellationToken.None);
        Assert.Equal(new[] { 1 }, items);
        Assert.Equal(new[] { 1, 2 }, asked);
    }

    [Fact]
    public async Task ReadAll_StopsWhenTheServerIgnoresPageNo()
    {
        var asked = new List<int>();
        var items = await Paging.ReadAllAsync(Pages(asked, Page(1, 5, false, 1), Page(1, 5, false, 1)), CancellationToken.None);
        Assert.Equal(new[] { 1, 1 }, items);
        Assert.Equal(new[] { 1, 2 }, asked);
    }

    [Fact]
    public async Task ReadAll_FollowsPagesWithoutPagingFields_UntilOneIsEmpty()
    {
        var asked = new List<int>();
        var items = await Paging.ReadAllAsync(Pages(asked, Page(0, 0, false, 1), Page(0, 0, false, 2), Page(0, 0, false)), CancellationToken.None);
        Assert.Equal(new[] { 1, 2 }, items);
        Assert.Equal(new[] { 1, 2, 3 }, asked);
    }

    [Fact]
    public async Task ReadAll_ObservesCancellation()
    {
        using var cts = new CancellationTokenSource();
        cts.Cancel();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() =>
            Paging.ReadAllAsync<int>((_, _) => throw new InvalidOperationException("must not be called"), cts.Token));
    }

    [Theory]
    [InlineData(1, 1, 3, false, 5, true)]
    [InlineData(3, 3, 3, false, 5, false)]
    [InlineData(1, 1, 3, true, 5, false)]
    [InlineData(1, 1, 3, false, 0, false)]
    [InlineData(2, 1, 3, false, 5, false)]
    [InlineData(Paging.MaxPages, 0, 0, false, 5, false)]
    public void HasNextPage(int requested, int reported, int total, bool isLast, int count, bool expected)
    {
        Assert.Equal(expected, Paging.HasNextPage(new ResultPage<int>(new int[count], requested, reported, total, isLast)));
    }
}
